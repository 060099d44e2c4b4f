#!/usr/bin/env bash
# Before/after in the same minutes: starts BEFORE_JAR on the full-scale data directory (its embedded PostgreSQL) and
# AFTER_JAR on the same database (commonweal.db.url), then times every query on both with the requests interleaved
# (bench/network/AbBench.java). AFTER_JAR's new migrations are applied to the shared database first, so the older
# build runs on the newer schema (it must tolerate it: added indexes and columns only).
#   bench/network/ab.sh BEFORE_JAR AFTER_JAR [iterations] [warm-up calls] [query-name-filter]
set -euo pipefail
BEFORE=$1
AFTER=$2
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
export COMMONWEAL_DATA_DIR=${COMMONWEAL_DATA_DIR:-target/bench-network-data}
PORT=${PORT:-18480}
AFTER_PORT=$((PORT + 1))

wait_up() {
  for i in $(seq 1 300); do
    curl -sf "http://localhost:$1/actuator/health" >/dev/null && return 0
    sleep 1
  done
  return 1
}

# the older build does not know the newer migrations already applied to the database by an earlier run
PORT=$PORT COMMONWEAL_SCHEDULING_ENABLED=false "$JAVA" -Dcommonweal.scheduling.enabled=false \
  -Dspring.flyway.ignore-migration-patterns='*:missing,*:future' -jar "$BEFORE" \
  > "$COMMONWEAL_DATA_DIR/bench-before.log" 2>&1 &
BEFORE_PID=$!
trap 'kill $BEFORE_PID ${AFTER_PID:-} 2>/dev/null || true' EXIT
wait_up "$PORT" || { echo "before build did not start: $COMMONWEAL_DATA_DIR/bench-before.log"; exit 1; }
PG=$(grep -o "Embedded PostgreSQL ready on port [0-9]*" "$COMMONWEAL_DATA_DIR/bench-before.log" | tail -1 | awk '{print $NF}')
mkdir -p "$COMMONWEAL_DATA_DIR/after"
COMMONWEAL_DATA_DIR=$COMMONWEAL_DATA_DIR/after PORT=$AFTER_PORT COMMONWEAL_SCHEDULING_ENABLED=false "$JAVA" \
  -Dcommonweal.scheduling.enabled=false -Dcommonweal.db.url="jdbc:postgresql://localhost:$PG/commonweal" \
  -Dcommonweal.db.user=postgres -jar "$AFTER" > "$COMMONWEAL_DATA_DIR/bench-after.log" 2>&1 &
AFTER_PID=$!
wait_up "$AFTER_PORT" || { echo "after build did not start: $COMMONWEAL_DATA_DIR/bench-after.log"; exit 1; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%T)"
"$JAVA" bench/network/AbBench.java "http://localhost:$PORT" "http://localhost:$AFTER_PORT" "${3:-200}" "${4:-50}" "${5:-}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%T)"
