#!/usr/bin/env bash
# Equity insights benchmark: refresh time of every family, then page p95 of the insights pages (which read only the
# summary tables) with a signed-in analyst.
#   bench/insights/run.sh [requests per page=100] [threads=4]
# SCALE=full first runs `generate --scale full --only coverage` (2.9 million members; CPU heavy, long) on the data
# directory, so the refresh and the pages see full-scale membership; the other modules stay at demo size.
# The first path, the signed-in home page, is the floor: the shared layout and session cost on this machine.
# NO_BUILD=1 reuses target/commonweal.jar. Data under target/bench-insights (kept between runs), or COMMONWEAL_DATA_DIR
# (e.g. the full-scale directory of bench/adequacy/postgres.sh, where every module is at full scale).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100}
THREADS=${2:-4}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR=${JAR:-target/commonweal.jar}
[[ -n "${NO_BUILD:-}" && -f "$JAR" ]] || ./mvnw -q package -DskipTests -Dmaven.test.skip=true
export COMMONWEAL_DATA_DIR=${COMMONWEAL_DATA_DIR:-target/bench-insights}
LOG=$COMMONWEAL_DATA_DIR/bench-insights.log
mkdir -p "$COMMONWEAL_DATA_DIR"
PORT=${PORT:-18800}
if [[ "${SCALE:-small}" == full ]]; then
  "$JAVA" -jar "$JAR" generate --scale full --only coverage
fi
"$JAVA" -Xmx2g -jar "$JAR" --server.port="$PORT" > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
BASE=http://localhost:$PORT
for _ in $(seq 1 900); do
  curl -fs "$BASE/actuator/health" > /dev/null 2>&1 && break
  kill -0 $APP 2>/dev/null || { echo "app stopped; see $LOG"; exit 1; }
  sleep 1
done

JAR_COOKIES=$(mktemp)
csrf() { curl -fs -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 \
  | sed 's/.*value="//; s/"$//'; }
token=$(csrf /login)
curl -fs -o /dev/null -c "$JAR_COOKIES" -b "$JAR_COOKIES" \
  -d "username=analyst&password=${COMMONWEAL_DEMO_PASSWORD:-demo-password}&_csrf=$token" "$BASE/login"
SESSION=$(awk '$6 == "SESSION" {print $7}' "$JAR_COOKIES")
[[ -n "$SESSION" ]] || { echo "sign-in failed"; exit 1; }
# on a first start the demo data (insights last) loads after the server is up: wait until figures exist
for _ in $(seq 1 900); do
  curl -fs -b "$JAR_COOKIES" "$BASE/insights" | grep -q 'id="refresh-table"' \
    && curl -fs -b "$JAR_COOKIES" "$BASE/insights" | grep -q '<td>housing</td>\|Housing for Health</td>' && break
  sleep 2
done

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== refresh of every family (button, POST /insights/refresh)"
token=$(csrf /insights)
# the button starts a background job and answers with its page at once (#19): time until the job page stops polling
started=$(date +%s.%N)
job=$(curl -fs -o /dev/null -w '%{redirect_url}' -c "$JAR_COOKIES" -b "$JAR_COOKIES" -d "_csrf=$token" "$BASE/insights/refresh")
until ! curl -fs -b "$JAR_COOKIES" "$job" | grep -q 'id="upload-job-pending"'; do sleep 1; done
echo "refresh all (button, background job $job, until its page stops polling): $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
grep -o 'insights [a-z]* refreshed: .*(button)' "$LOG" | tail -6
echo "members covered today (county row of the members export): $(curl -fs -b "$JAR_COOKIES" \
  "$BASE/insights/export.csv?measure=members" | tail -1 | cut -d, -f6-)"

echo "== pages: $N requests each from $THREADS threads"
"$JAVA" bench/insights/PageBench.java "$BASE" "$SESSION" "$N" "$THREADS" \
  "/" \
  "/insights" \
  "/insights?measure=center-visits&level=rcac" \
  "/insights?measure=members&level=spa&group=language:es" \
  "/insights?measure=promoter-reach&level=rcac&group=age:65%2B" \
  "/insights?measure=grant-dollars&level=spa&period=year:2025" \
  "/insights?measure=adequacy&level=rcac&group=provider_type:pcp-adult" \
  "/insights/gaps?measure=members&level=rcac" \
  "/insights/compare?measure=center-visits&level=spa&a=4&b=6" \
  "/insights/trends?measure=grant-dollars&level=spa&area=4" \
  "/insights/export.csv?measure=housing-clients&level=spa" \
  "/insights/export.xlsx?measure=members&level=rcac" \
  "/insights/briefs/rcac/6.pdf?lang=es"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$JAR_COOKIES"
