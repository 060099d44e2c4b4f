#!/usr/bin/env bash
# Caseload page latency, before against after, interleaved so both see the same machine load (the machine is
# shared): p50/p95/max of N requests per login and page after WARM warm-up requests, with the load average.
# Usage: bench/housing/caseload.sh BEFORE.jar AFTER.jar      (N=50, WARM=10 by default)
# Data: target/bench-housing-data, built once with `generate --scale full --only housing` (3,000 housing clients;
# the other modules load their small demo data on first start), then copied for each jar. Delete it to rebuild.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
A=${1:?before jar}
B=${2:?after jar}
N=${N:-50}
WARM=${WARM:-10}
DATA=target/bench-housing-data
if [ ! -d "$DATA" ]; then
  COMMONWEAL_DATA_DIR=$DATA "$JAVA_HOME/bin/java" -jar "$B" generate --scale full --only housing
fi
rm -rf target/bench-caseload-a target/bench-caseload-b
cp -a "$DATA" target/bench-caseload-a
cp -a "$DATA" target/bench-caseload-b
COMMONWEAL_DATA_DIR=target/bench-caseload-a "$JAVA_HOME/bin/java" -jar "$A" --server.port=18741 > target/bench-caseload-a.log 2>&1 &
PA=$!
COMMONWEAL_DATA_DIR=target/bench-caseload-b "$JAVA_HOME/bin/java" -jar "$B" --server.port=18742 > target/bench-caseload-b.log 2>&1 &
PB=$!
trap 'kill $PA $PB 2>/dev/null; wait $PA $PB 2>/dev/null || true' EXIT
for log in target/bench-caseload-a.log target/bench-caseload-b.log; do
  for _ in $(seq 1 900); do
    grep -q 'Commonweal is ready' "$log" && break
    kill -0 $PA 2>/dev/null && kill -0 $PB 2>/dev/null || { echo "an app stopped; see $log"; exit 1; }
    sleep 1
  done
done

login() { # port user cookies
  local csrf
  csrf=$(curl -fs -c "$3" -b "$3" "http://localhost:$1/login" \
    | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -c "$3" -b "$3" -d "username=$2&password=demo-password&_csrf=$csrf" "http://localhost:$1/login"
}

summary() { # label file
  sort -n "$2" | awk -v label="$1" '{t[NR]=$1} END {printf "%-58s p50 %5.0f ms  p95 %5.0f ms  max %5.0f ms  (n=%d)\n",
    label, 1000*t[int((NR+1)*0.5)], 1000*t[int(NR*0.95+0.5)], 1000*t[NR], NR}'
}

measure() { # user path
  local ca cb ta tb rows_a rows_b
  ca=$(mktemp); cb=$(mktemp); ta=$(mktemp); tb=$(mktemp)
  login 18741 "$1" "$ca"; login 18742 "$1" "$cb"
  rows_a=$(curl -fs -b "$ca" "http://localhost:18741$2" | grep -c 'data-client=' || true)
  rows_b=$(curl -fs -b "$cb" "http://localhost:18742$2" | grep -c 'data-client=' || true)
  for _ in $(seq 1 "$WARM"); do
    curl -fs -o /dev/null -b "$ca" "http://localhost:18741$2"; curl -fs -o /dev/null -b "$cb" "http://localhost:18742$2"
  done
  local load_start
  load_start=$(cut -d' ' -f1 /proc/loadavg)
  for _ in $(seq 1 "$N"); do
    curl -fs -o /dev/null -w '%{time_total}\n' -b "$ca" "http://localhost:18741$2" >> "$ta"
    curl -fs -o /dev/null -w '%{time_total}\n' -b "$cb" "http://localhost:18742$2" >> "$tb"
  done
  echo "-- $1 $2 (load average $load_start → $(cut -d' ' -f1 /proc/loadavg))"
  summary "  before: $rows_a rows" "$ta"
  summary "  after:  $rows_b rows" "$tb"
  rm -f "$ca" "$cb" "$ta" "$tb"
}

echo "$(date -u +%FT%TZ) before=$A after=$B N=$N"
measure case-manager /housing
measure admin /housing
measure admin "/housing?all=true"
measure admin /housing/hmis
measure case-manager /housing
