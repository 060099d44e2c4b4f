#!/usr/bin/env bash
# Quality measures benchmark (issue #21, "measures"): our engine over MEMBERS generated members (all six measures it
# covers, EcqmEngine.MEASURES: CMS122, CMS124, CMS125, CMS130, CMS165, CMS153, CMS117; one member in 50 a two-year-old
# with vaccines) and the CQL reference engine over the first REFERENCE of them, in the same JVM, heap capped at 2 GB.
# In memory: the PostgreSQL read of a real run is not included (see docs/benchmarks-quality.md). Prints members/s,
# time, peak heap and the speed-up per member.
# usage: bench/quality/run.sh [MEMBERS (default 200000)] [REFERENCE (default 1000)]
set -euo pipefail
cd "$(dirname "$0")/../.."
MEMBERS=${1:-200000}
REFERENCE=${2:-1000}
WORK=target/bench-quality
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$WORK"
./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
echo "== measures: our engine on $MEMBERS members, the CQL reference engine on $REFERENCE, heap capped at 2 GB"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$CP" org.commonweal.quality.results.MeasureEngineBenchmark \
    "${QUALITY_CONTENT:-../shared/quality/ecqm}" "$MEMBERS" "$REFERENCE" 2>"$WORK/bench.err" | tee "$WORK/measures.txt"
