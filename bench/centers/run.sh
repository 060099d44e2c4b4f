#!/usr/bin/env bash
# Benchmark of the centers' public registration and class calendar.
#   bench/centers/run.sh [users=50] [seconds=30] [scale=small|full] [think_ms=0]
# Starts the packaged application on port 18080 with its own data directory (target/bench-centers), generates the
# demo data at the given scale if needed, runs LoadTest.java (JDK only, no dependencies) and stops the application.
# Set BASE_URL to measure an application that is already running instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS=${1:-50}
SECONDS_=${2:-30}
SCALE=${3:-small}
THINK_MS=${4:-0}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
if [[ -z "${BASE_URL:-}" ]]; then
  [[ -n "${NO_BUILD:-}" ]] || ./mvnw -q package -DskipTests -Dmaven.test.skip=true
  export COMMONWEAL_DATA_DIR=target/bench-centers PORT=18080
  if [[ "$SCALE" == full ]]; then
    "$JAVA" -jar target/commonweal.jar generate --scale full --only centers
  fi
  "$JAVA" -Xmx2g -jar target/commonweal.jar > target/bench-centers.log 2>&1 &
  APP=$!
  trap 'kill $APP; wait $APP 2>/dev/null || true' EXIT
  BASE_URL=http://localhost:18080
  for _ in $(seq 1 120); do
    curl -fs "$BASE_URL/actuator/health" > /dev/null && break
    sleep 1
  done
fi
"$JAVA" bench/centers/LoadTest.java "$BASE_URL" "$USERS" "$SECONDS_" "$THINK_MS"
