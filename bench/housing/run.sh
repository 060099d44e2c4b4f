#!/usr/bin/env bash
# Housing for Health benchmark: full-scale demo generation of the housing module (3,000 clients), then the app on
# that data and timed requests of the pages and exports that scan it. Short by design (2-core machine, shared).
# Usage: bench/housing/run.sh            (builds target/commonweal.jar if missing; data under target/bench-housing)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=target/commonweal.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
export COMMONWEAL_DATA_DIR=target/bench-housing
PORT=${PORT:-18731}
RUNS=${RUNS:-5}

# A fresh data directory: on first start the app loads the demo data at full scale (3,000 housing clients) and logs
# how long each generator took. (`generate --scale full --only housing` is the same generator; see the docs.)
rm -rf "$COMMONWEAL_DATA_DIR"
echo "== app on port $PORT, demo data at full scale"
COMMONWEAL_DEMO_SCALE=full "$JAVA_HOME/bin/java" -jar "$JAR" --server.port="$PORT" > target/bench-housing.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
# the demo data loads after the server has started: wait for its log line
for _ in $(seq 1 900); do
  grep -q 'Demo data housing: ' target/bench-housing.log && break
  kill -0 $APP 2>/dev/null || { echo "app stopped; see target/bench-housing.log"; exit 1; }
  sleep 1
done

grep -o 'Demo data housing: .*' target/bench-housing.log || { echo "no housing demo data line"; exit 1; }

JAR_COOKIES=$(mktemp)
login() {
  local csrf
  csrf=$(curl -fs -c "$JAR_COOKIES" -b "$JAR_COOKIES" "http://localhost:$PORT/login" \
    | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -c "$JAR_COOKIES" -b "$JAR_COOKIES" -d "username=$1&password=demo-password&_csrf=$csrf" \
    "http://localhost:$PORT/login"
}

time_get() {
  local label=$1 path=$2 best=999 total=0 t
  for _ in $(seq 1 "$RUNS"); do
    t=$(curl -fs -o /dev/null -w '%{time_total}' -b "$JAR_COOKIES" "http://localhost:$PORT$path")
    total=$(echo "$total + $t" | bc -l)
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  printf '%-42s best %6.3f s   mean %6.3f s   (%d runs)\n' "$label" "$best" "$(echo "$total / $RUNS" | bc -l)" "$RUNS"
}

login admin
size=$(curl -fs -b "$JAR_COOKIES" -o target/bench-housing-export.zip -w '%{size_download}' \
  "http://localhost:$PORT/housing/hmis/export?from=2021-01-01&to=$(date +%F)")
echo "HMIS export, five years: $size bytes"
time_get "caseload, admin (open cases, first 200)" "/housing"
time_get "caseload, admin, closed too (first 200)" "/housing?all=true"
time_get "client file" "/housing/clients/1"
time_get "funding (spend + forecast, 2 sources)" "/housing/funding"
time_get "outcomes by program" "/housing/outcomes?by=program"
time_get "outcomes by SPA, CSV" "/housing/outcomes.csv?by=spa"
time_get "HMIS CSV export, five years (ZIP)" "/housing/hmis/export?from=2021-01-01&to=$(date +%F)"
login case-manager
time_get "caseload, case-manager" "/housing"
rm -f "$JAR_COOKIES"
