#!/usr/bin/env bash
# Coverage benchmark: both X12 tokenizers alone, full 834 ingest beside the bare-COPY floor of issue #23 (bare tables,
# COPY of the same rows, four index builds) and COPY into the indexed tables, daily change file, eligibility REST
# under wrk by the lean path and by Spring MVC (issue #23), X12 270 batch.
# usage: bench/coverage/run.sh [MEMBERS (default 2900000)] [CHANGES (default 50000)]
# IMPORT_ONLY=1: only the 834 part (full import, COPY, change file), no application/wrk/270.
# BENCH_JAVA_OPTS: extra JVM options for the importer (e.g. -XX:StartFlightRecording=filename=x.jfr,settings=profile).
# ELIGIBILITY_PATHS: which paths of the eligibility REST API to drive, one application start each ("lean mvc" by
# default; "lean" or "mvc" alone); WARMUP_SECONDS and WRK_SECONDS: wrk's warm-up and measured run (30 s each).
# Needs: wrk (apt-get install wrk), curl. Uses its own embedded PostgreSQL under target/bench-coverage.
set -euo pipefail
cd "$(dirname "$0")/../.."
MEMBERS=${1:-2900000}
CHANGES=${2:-50000}
WORK=target/bench-coverage
PORT=${BENCH_PORT:-18080}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
rm -rf "$WORK"; mkdir -p "$WORK"
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
if [ -n "${IMPORT_ONLY:-}" ]; then
  echo "== 834 ingest only ($MEMBERS members full file, $CHANGES change transactions), heap capped at 1 GB"
  IMPORT_ONLY=1 "$JAVA_HOME/bin/java" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" org.commonweal.coverage.x12.CoverageBenchmark \
      "$MEMBERS" "$CHANGES" "$WORK" 2>"$WORK/bench.err" | tee "$WORK/import.txt"
  exit 0
fi
[ -f target/commonweal.jar ] || ./mvnw -q package -DskipTests

echo "== 834 ingest ($MEMBERS members full file, $CHANGES change transactions), importer heap capped at 1 GB"
"$JAVA_HOME/bin/java" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" org.commonweal.coverage.x12.CoverageBenchmark "$MEMBERS" "$CHANGES" "$WORK" \
    > >(tee "$WORK/import.txt") 2>"$WORK/bench.err" &
BENCH=$!
until [ -f "$WORK/token" ]; do sleep 2; kill -0 $BENCH; done
URL=$(cat "$WORK/jdbc-url"); CLIENT=$(cat "$WORK/token")

# issue #23: the eligibility REST API by each path in ELIGIBILITY_PATHS (default "lean mvc"), one application start
# each: lean = the lean path in front of the MVC stack (LeanEligibilityFilter, the default), mvc = the same answer
# through Spring MVC (commonweal.coverage.lean-eligibility=false). The 270 batch runs on the last one.
APP=
trap 'if [ -n "$APP" ]; then kill $APP 2>/dev/null || true; fi; touch "$WORK/stop"' EXIT
start_app() { # $1: true for the lean path, false for Spring MVC
  echo "== application on the benchmark database, port $PORT, lean eligibility path: $1"
  # the per-client rate limit (issue #17) is lifted: wrk is one client asking as fast as it can
  COMMONWEAL_API_CLIENT_RATE=1000000000 \
  COMMONWEAL_DB_URL="$URL" COMMONWEAL_DB_USER=postgres COMMONWEAL_DATA_DIR="$WORK/app" PORT=$PORT \
      "$JAVA_HOME/bin/java" -Xmx1g -Dcommonweal.coverage.lean-eligibility="$1" -jar target/commonweal.jar \
      > "$WORK/app-$1.log" 2>&1 &
  APP=$!
  until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do sleep 2; kill -0 $APP; done
}
stop_app() { kill $APP; wait $APP 2>/dev/null || true; APP=; }
# an access token (JWT, 5 minutes) from the token endpoint, as a client does (issue #17)
token() { curl -sf -u "$CLIENT" -d grant_type=client_credentials --data-urlencode "scope=eligibility.read x12.270" \
    "localhost:$PORT/oauth2/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }
# CPU seconds of the application and of PostgreSQL (postmaster, its live children and reaped ones) during the run
POSTMASTER=$(pgrep -f -- "$(basename "$WORK")/postgres -p" | head -1)
pg_ticks() { local s; s=$(awk '{print $16+$17}' /proc/$POSTMASTER/stat)
  for p in $POSTMASTER $(pgrep -P $POSTMASTER); do [ -r /proc/$p/stat ] && s=$((s + $(awk '{print $14+$15}' /proc/$p/stat))); done
  echo $s; }
app_ticks() { awk '{print $14+$15}' /proc/$APP/stat; }
WARMUP=${WARMUP_SECONDS:-30}
SECONDS_RUN=${WRK_SECONDS:-30}
PATHS=${ELIGIBILITY_PATHS:-lean mvc}
LAST=${PATHS##* }
for path in $PATHS; do
  case $path in lean) start_app true ;; mvc) start_app false ;; *) echo "unknown path $path (lean or mvc)"; exit 2 ;; esac
  TOKEN=$(token)
  cat > "$WORK/eligibility.lua" <<LUA
math.randomseed(42)
request = function()
  local id = string.format("LA%09d", math.random(1, $MEMBERS))
  return wrk.format("GET", "/api/v1/eligibility?memberId=" .. id, {["Authorization"] = "Bearer $TOKEN"})
end
LUA
  echo "== warm-up $WARMUP s (the JIT settles in about 30 s on 2 cores)"
  wrk -t2 -c64 -d${WARMUP}s -s "$WORK/eligibility.lua" "http://localhost:$PORT" > /dev/null
  A0=$(app_ticks); P0=$(pg_ticks)
  echo "== eligibility REST, $path path: wrk 2 threads, 64 connections, $SECONDS_RUN s"
  wrk -t2 -c64 -d${SECONDS_RUN}s --latency -s "$WORK/eligibility.lua" "http://localhost:$PORT" | tee "$WORK/wrk-$path.txt"
  A1=$(app_ticks); P1=$(pg_ticks); TICK=$(getconf CLK_TCK)
  N=$(awk '/requests in/ {print $1}' "$WORK/wrk-$path.txt")
  echo "CPU per answer, $path path: application $(echo "scale=3; 1000*($A1-$A0)/$TICK/$N" | bc) ms, PostgreSQL $(echo "scale=3; 1000*($P1-$P0)/$TICK/$N" | bc) ms ($N answers)"
  [ "$path" = "$LAST" ] || stop_app
done

TOKEN=$(token)
echo "== X12 270 batch of $(grep -c 'EQ\*30' "$WORK/batch.270") inquiries"
for i in 1 2 3; do
  curl -s -o "$WORK/batch.271" -w "270 batch answered: HTTP %{http_code} in %{time_total} s\n" \
      -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/edi-x12" \
      --data-binary @"$WORK/batch.270" "http://localhost:$PORT/x12/270"
done
echo "271: $(grep -c '^EB\*1' "$WORK/batch.271") active, $(grep -c '^AAA' "$WORK/batch.271") rejects"
