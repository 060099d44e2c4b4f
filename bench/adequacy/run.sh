#!/usr/bin/env bash
# Network adequacy engine at full scale on synthetic data (2.9M members x 11 provider types, full-size directory),
# heap capped at 2 GB. Usage: bench/adequacy/run.sh [members] [brute-force sample]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -d target/test-classes/org/commonweal/adequacy/engine ]; then
  ./mvnw -q test-compile
fi
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC -cp target/classes:target/test-classes \
  org.commonweal.adequacy.engine.AdequacyBenchmark "${1:-2900000}" "${2:-2000}"
