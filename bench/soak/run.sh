#!/usr/bin/env bash
# Soak test (#20): a fixed-rate mixed load against the application for a given time, with p50/p95/p99, errors, heap
# after GC, RSS, PostgreSQL connections and database size per minute, a plot and a verdict.
#   bench/soak/run.sh [minutes=30] [requests-per-second=20] [scale=full]
# The issue's soak: bench/soak/run.sh 30 20 full (a quiet machine; the full-scale data set takes a while to generate
# the first time, then the data directory is reused). A smoke run: bench/soak/run.sh 5 10 small.
# Own data directory (SOAK_DATA, default target/soak-data-<scale>) and port (PORT, default 18580); builds
# target/commonweal.jar first if it is missing. Results in target/soak/<date>/: soak.csv, soak.png, verdict.txt,
# server.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES=${1:-30}
RATE=${2:-20}
SCALE=${3:-full}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
JAR=${JAR:-target/commonweal.jar}
PORT=${PORT:-18580}
export COMMONWEAL_DATA_DIR=${SOAK_DATA:-target/soak-data-$SCALE}
OUT=target/soak/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT" "$COMMONWEAL_DATA_DIR"
[ -f "$JAR" ] || ./mvnw -o -B -q -DskipTests package

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== demo data at scale $SCALE in $COMMONWEAL_DATA_DIR"
"$JAVA" -jar "$JAR" generate --scale "$SCALE" > "$OUT/generate.log" 2>&1 || {
  echo "generate failed or refused (see $OUT/generate.log); using the data as it is"; }

# the writing part of the mix (before the server starts: in demo mode one process at a time owns the data directory):
# an API client for the X12 270s, and one small 834 change file for every 5 minutes, uploaded by member services
echo "== API client for the 270s, $(( (MINUTES + 4) / 5 )) 834 change files"
CLIENT=$("$JAVA" -jar "$JAR" create-api-client --name "soak $(date -u +%FT%TZ)" --scopes x12.270 \
  --purpose "soak test (bench/soak)" 2> "$OUT/api-client.log" | awk '/^client_(id|secret):/ {print $2}' | paste -sd:)
[[ "$CLIENT" == *:* ]] || { echo "create-api-client failed (see $OUT/api-client.log)"; exit 1; }
mkdir -p "$OUT/834"
CONTROL=$(( $(date +%s) % 900000000 ))
for k in $(seq 1 $(( (MINUTES + 4) / 5 ))); do
  # members of the demo population at every scale (LA000000001..3000), a control number of its own for each file
  "$JAVA" -jar "$JAR" generate-834 --type change --members "${SOAK_834_MEMBERS:-50}" --population 3000 --seed "$k" \
    --control $(( CONTROL + k )) --out "$OUT/834/change-$(printf %02d "$k").834" >> "$OUT/generate-834.log" 2>&1 || {
    echo "generate-834 failed (see $OUT/generate-834.log)"; exit 1; }
done

echo "== server on port $PORT"
# the load generator is one address standing for many visitors: exempt from the per-address anonymous limit
PORT=$PORT "$JAVA" -Xmx1g -jar "$JAR" --commonweal.limits.exempt-addresses=127.0.0.1,0:0:0:0:0:0:0:1 \
  > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && break
  kill -0 $SERVER 2>/dev/null || { echo "server did not start, see $OUT/server.log"; exit 1; }
  sleep 1
done
PGPORT=$(sed -n 4p "$(find "$COMMONWEAL_DATA_DIR" -name postmaster.pid | head -1)")
echo "== soak: $MINUTES min at $RATE requests/s (server pid $SERVER, PostgreSQL port $PGPORT)"
"$JAVA" -Dsoak.client="$CLIENT" -Dsoak.changes="$OUT/834" bench/soak/Soak.java "http://localhost:$PORT" "$SERVER" "$MINUTES" "$RATE" "$OUT" \
  "host=localhost port=$PGPORT user=postgres dbname=commonweal" | tee "$OUT/soak.txt"
echo "results: $OUT"
