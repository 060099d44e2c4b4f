#!/usr/bin/env bash
# Provider directory benchmark at full demo scale (60k practitioners). Run from the repository root after
# ./mvnw -q package -DskipTests. Uses its own data directory, so it never touches ./data.
#   bench/network/run.sh [iterations] [seconds-for-8-clients]
set -euo pipefail
ITER=${1:-100}
SECS=${2:-10}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
export COMMONWEAL_DATA_DIR=${COMMONWEAL_DATA_DIR:-target/bench-network-data}
PORT=${PORT:-18480}
JAR=${JAR:-target/commonweal.jar}

echo "== full-scale demo data (skipped when already at full scale)"
/usr/bin/time -f "generate: %e s" "$JAVA" -jar "$JAR" generate --scale full

echo "== Plan-Net NDJSON export"
OUT=$(mktemp -d)
/usr/bin/time -f "export-plannet: %e s wall (JVM start included)" "$JAVA" -jar "$JAR" export-plannet --out "$OUT"
du -sh "$OUT"; rm -rf "$OUT"

echo "== server on port $PORT"
PORT=$PORT COMMONWEAL_SCHEDULING_ENABLED=false "$JAVA" -Dcommonweal.scheduling.enabled=false -jar "$JAR" \
  > "$COMMONWEAL_DATA_DIR/bench-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && break
  sleep 1
done
"$JAVA" bench/network/DirectoryBench.java "http://localhost:$PORT" "$ITER" "$SECS"
