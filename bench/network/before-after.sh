#!/usr/bin/env bash
# Runs DirectoryBench against two builds of the application, one after the other, on the same full-scale data
# (target/bench-network-data, made by run.sh or `generate --scale full --only network`), printing the load average
# before and after each run. The older build must tolerate the newer schema (added columns and indexes only).
#   bench/network/before-after.sh BEFORE_JAR AFTER_JAR [iterations] [seconds-for-8-clients]
set -euo pipefail
BEFORE=$1
AFTER=$2
ITER=${3:-30}
SECS=${4:-5}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
export COMMONWEAL_DATA_DIR=${COMMONWEAL_DATA_DIR:-target/bench-network-data}
PORT=${PORT:-18480}

for JAR in "$BEFORE" "$AFTER"; do
  echo "== $JAR"
  PORT=$PORT COMMONWEAL_SCHEDULING_ENABLED=false "$JAVA" -Dcommonweal.scheduling.enabled=false -jar "$JAR" \
    > "$COMMONWEAL_DATA_DIR/bench-server.log" 2>&1 &
  SERVER=$!
  for i in $(seq 1 300); do
    curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && break
    sleep 1
  done
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA" bench/network/DirectoryBench.java "http://localhost:$PORT" "$ITER" "$SECS"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  # the embedded PostgreSQL must be gone before the next build starts on the same data directory
  PIDFILE=$COMMONWEAL_DATA_DIR/postgres/postmaster.pid
  for i in $(seq 1 30); do [ -f "$PIDFILE" ] || break; sleep 1; done
  if [ -f "$PIDFILE" ]; then kill -INT "$(head -1 "$PIDFILE")" 2>/dev/null || true; sleep 5; fi
done
