#!/usr/bin/env bash
# Network adequacy end to end through PostgreSQL at full scale: the member stream is Coverage#forEachActiveMember
# (2.9 M rows by JDBC), the directory NetworkDirectory#forEachServiceLocation, results stored and exported.
# Usage: bench/adequacy/postgres.sh [YYYY-MM-DD]   (own embedded PostgreSQL under target/bench-adequacy/app)
# Generating the full-scale data (generate --scale full) runs once; later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${WORK:-target/bench-adequacy}
DATE=${1:-$(TZ=America/Los_Angeles date +%F)}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export COMMONWEAL_DATA_DIR="$WORK/app"
mkdir -p "$WORK/out"
[ -f target/commonweal.jar ] || ./mvnw -q package -DskipTests
if [ ! -f "$WORK/generated" ]; then
  echo "== generate --scale full (load $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v "$JAVA_HOME/bin/java" -Xmx4g -jar target/commonweal.jar generate --scale full \
      2> "$WORK/generate.time" | tee "$WORK/generate.log"
  grep -E "Elapsed|Maximum resident" "$WORK/generate.time"
  touch "$WORK/generated"
fi
for i in 1 2; do
  echo "== adequacy --date $DATE, heap 2 GB, run $i (load before $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC -jar target/commonweal.jar adequacy \
      --date "$DATE" --out "$WORK/out" 2> "$WORK/adequacy-$i.time" | tee "$WORK/adequacy-$i.log"
  grep -E "Elapsed|Maximum resident|User time|System time" "$WORK/adequacy-$i.time"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
