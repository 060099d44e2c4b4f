#!/usr/bin/env bash
# 837 import benchmark (issue #21): generate-837 writes about LINES service lines over MEMBERS members, the reader
# reads them alone, then import-837's ClaimImport stores them in an embedded PostgreSQL (fsync on) of its own under
# target/bench-quality-837; prints lines per second, peak heap and the machine.
# usage: bench/quality/import-837.sh [LINES (default 1000000)] [MEMBERS (default 50000)]
# BENCH_HEAP: the importer's heap cap (default 1g). BENCH_JFR=1: a JFR recording (profile settings) of the whole run
# in $WORK/import.jfr (read it with `jfr print --events jdk.ExecutionSample` or `jfr summary`).
set -euo pipefail
cd "$(dirname "$0")/../.."
LINES=${1:-1000000}
MEMBERS=${2:-50000}
WORK=target/bench-quality-837
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
rm -rf "$WORK"; mkdir -p "$WORK"
./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
JFR=()
if [ -n "${BENCH_JFR:-}" ]; then JFR=("-XX:StartFlightRecording=filename=$WORK/import.jfr,settings=profile"); fi
"$JAVA_HOME/bin/java" -Xmx${BENCH_HEAP:-1g} "${JFR[@]}" -cp "$CP" org.commonweal.quality.claims.Import837Benchmark \
    "$LINES" "$WORK" "$MEMBERS" 2> "$WORK/bench.err" | tee "$WORK/result.txt"
