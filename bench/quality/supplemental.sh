#!/usr/bin/env bash
# Supplemental CSV import with the members' recompute (issue #21, session 9): a lab CSV of ROWS lines (HbA1c results,
# four per member, for the first active members 18-75) imported as `import-supplemental labs` does, timed with the
# recompute of its members in each measure's latest run (every measure run first when there is none), then withdrawn
# (its members recomputed again) so the data set can be measured again. On a data directory of your own:
#
#   QUALITY_DATA=/work/data-mine bash bench/quality/supplemental.sh [ROWS (default 10000)]
#
# The data directory needs members and, for a realistic recompute, claims (`generate --scale small`, then
# `generate-837` and `import-837`); never point it at a data set another job is using.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-10000}
export COMMONWEAL_DATA_DIR=${QUALITY_DATA:?set QUALITY_DATA to a data directory of your own}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=target/bench-quality-supplemental
mkdir -p "$WORK"
./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -Xmx2g -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" \
  org.commonweal.quality.supplemental.SupplementalImportBenchmark "$ROWS" "$WORK" 2> "$WORK/run.err" \
  | tee "$WORK/result.txt"
