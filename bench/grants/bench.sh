#!/usr/bin/env bash
# Grants benchmark: demo history generation, import-grants throughput, and portfolio page latency.
# Usage: bench/grants/bench.sh [ROWS]   (default 20000 import rows). Builds target/commonweal.jar if missing.
# Uses its own embedded database under target/bench-grants (deleted first).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-20000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
JAR=target/commonweal.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
DATA=target/bench-grants
rm -rf "$DATA"; mkdir -p "$DATA"
export COMMONWEAL_DATA_DIR=$DATA

echo "== app start on an empty database: migrations + demo data (grants generator time from the log)"
PORT=18087 java -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://localhost:18087/grants/portfolio" -o /dev/null && break; sleep 1; done
grep -io "demo data grants.*" "$DATA/app.log" || echo "(generator line not logged at this level; the test log shows it)"
CSV=$DATA/history.csv
awk -v n="$ROWS" 'BEGIN {
  srand(7); print "award_number,program_code,organization_ein,organization_name,organization_type,zip,spa,title,amount,awarded_on,starts_on,ends_on,status,amount_paid";
  split("CORE ORAL TRANQUADA HHC", p, " "); split("FQHC NON_PROFIT COMMUNITY_CLINIC FREE_CLINIC", t, " ");
  for (i = 1; i <= n; i++) {
    org = int(rand() * 2000); amt = 1000 * (10 + int(rand() * 140)); y = 2000 + int(rand() * 25);
    printf "BENCH-%06d,%s,94-%07d,Bench Org %d,%s,90001,%d,Bench project %d,%d,%d-06-15,,,CLOSED,%d\n", i, p[1 + i % 4], org, org, t[1 + org % 4], 1 + org % 8, i, amt, y, amt
  }
  print "BENCH-BAD-1,NOPE,94-0000001,Bad,FQHC,,,,1000,2010-01-01,,,,";
}' > "$CSV"
echo "== portfolio page, 20 sequential requests"
for _ in 1 2 3; do curl -s -o /dev/null "http://localhost:18087/grants/portfolio"; done
for _ in $(seq 1 20); do curl -s -o /dev/null -w "%{time_total}\n" "http://localhost:18087/grants/portfolio"; done | sort -n | awk '{a[NR]=$1} END {printf "portfolio: median %.3f s, max %.3f s\n", a[int(NR/2)+1], a[NR]}'
for _ in $(seq 1 20); do curl -s -o /dev/null -w "%{time_total}\n" "http://localhost:18087/api/grants/opportunities"; done | sort -n | awk '{a[NR]=$1} END {printf "opportunities JSON: median %.3f s, max %.3f s\n", a[int(NR/2)+1], a[NR]}'
kill $APP; wait $APP 2>/dev/null || true
echo "== import-grants $ROWS rows (+1 bad row)"
START=$(date +%s.%N)
java -jar "$JAR" import-grants "$CSV" 2>&1 | tail -2 || true
END=$(date +%s.%N)
echo "import wall: $(echo "$END - $START" | bc) s (includes app start)"

