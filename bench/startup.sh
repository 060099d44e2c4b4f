#!/usr/bin/env bash
# Start-up time to first page: cold (empty data directory: initdb, migrations, demo data) and warm (same directory
# again). Usage: bench/startup.sh [runs]   — builds target/commonweal.jar first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
port="${BENCH_PORT:-18080}"
[ -f target/commonweal.jar ] || JAVA_HOME="$JAVA_HOME" ./mvnw -q -DskipTests package

first_page() { # $1 = data dir; prints milliseconds from launch to the first 200 of /
  local dir="$1" start pid ms
  start=$(date +%s%N)
  COMMONWEAL_DATA_DIR="$dir" "$JAVA_HOME/bin/java" -jar target/commonweal.jar --server.port="$port" \
    >"$dir.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://localhost:$port/"; do
    sleep 0.1
    kill -0 "$pid" 2>/dev/null || { echo "start failed, see $dir.log" >&2; exit 1; }
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/commonweal-bench-XXXX)/data
  cold=$(first_page "$dir")
  warm=$(first_page "$dir")
  echo "run $i: cold ${cold} ms, warm ${warm} ms"
  rm -rf "$(dirname "$dir")"
done
