#!/usr/bin/env bash
# Coverage benchmark: both X12 tokenizers alone, full 834 ingest beside the bare-COPY floor of issue #23 (bare tables,
# COPY of the same rows, four index builds) and COPY into the indexed tables, daily change file, eligibility REST
# under wrk by the lean path and by Spring MVC (issue #23), X12 270 batch.
# usage: bench/coverage/run.sh [MEMBERS (default 2900000)] [CHANGES (default 50000)]
# IMPORT_ONLY=1: only the 834 part (full import, COPY, change file), no application/wrk/270.
# BENCH_JAVA_OPTS: extra JVM options for the importer (e.g. -XX:StartFlightRecording=filename=x.jfr,settings=profile).
# ELIGIBILITY_PATHS: which paths of the eligibility REST API to drive, one application start each ("lean mvc" by
# default; "lean" or "mvc" alone); WARMUP_SECONDS and WRK_SECONDS: wrk's warm-up and measured run (30 s each).
# Then, per path, a throughput/latency sweep over SWEEP_CONNECTIONS ("8 16 32 64") of SWEEP_SECONDS (10) each, with
# the rate, p50, p99 and CPU per answer at each (by Little's law 64 connections at 3,100/s already mean 20.6 ms), and
# a 401 (no token) for its CPU; at the end a bare Spring Boot + Spring Security application (bench/coverage/bare,
# built offline, the same Boot version) answers a 401 and a JSON GET for its CPU per request (issue #23).
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
  # the per-client rate limit (issue #17) is lifted: wrk is one client asking as fast as it can; so is the
  # per-address limit of callers without a token (300 a minute): otherwise the "401 no token" run below measured
  # 429s, each rendered by an error dispatch to /error, not 401s (issue #23, third session)
  COMMONWEAL_API_CLIENT_RATE=1000000000 \
  COMMONWEAL_DB_URL="$URL" COMMONWEAL_DB_USER=postgres COMMONWEAL_DATA_DIR="$WORK/app" PORT=$PORT \
      "$JAVA_HOME/bin/java" -Xmx1g -Dcommonweal.coverage.lean-eligibility="$1" \
      -Dcommonweal.limits.anonymous-per-minute=1000000000 -jar target/commonweal.jar \
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
app_ticks() { ticks $APP; }
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
TICK=$(getconf CLK_TCK)
ms() { # a wrk latency (850.00us, 19.03ms, 1.20s) in milliseconds
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
    else if (v ~ /s$/) printf "%.2f", v * 1000; else printf "?" }'; }
# run_wrk LABEL CONNECTIONS SECONDS PID pg|nopg WRK-ARGS...: one wrk run, then its rate, p50, p99 and the CPU per
# request of process PID (and of PostgreSQL with pg) on one line; the rate and p99 also in $RATE and $P99
run_wrk() {
  local label=$1 conns=$2 secs=$3 pid=$4 pg=$5; shift 5
  local out="$WORK/wrk-${label// /-}-c$conns.txt" a0 a1 p0=0 p1=0 n pgcpu=
  a0=$(ticks "$pid"); [ "$pg" = pg ] && p0=$(pg_ticks)
  wrk -t2 -c"$conns" -d"${secs}"s --latency "$@" > "$out"
  a1=$(ticks "$pid"); [ "$pg" = pg ] && p1=$(pg_ticks)
  n=$(awk '/requests in/ {print $1}' "$out")
  RATE=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$out")
  P99=$(ms "$(awk '$1 == "99%" {print $2}' "$out")")
  [ "$pg" = pg ] && pgcpu=", PostgreSQL $(echo "scale=3; 1000*($p1-$p0)/$TICK/$n" | bc) ms"
  echo "$label, $conns connections, $secs s: $RATE/s, p50 $(ms "$(awk '$1 == "50%" {print $2}' "$out")") ms, p99 $P99 ms;" \
      "CPU per request: application $(echo "scale=3; 1000*($a1-$a0)/$TICK/$n" | bc) ms$pgcpu ($n requests$(awk '/Non-2xx/ {printf ", %s not 2xx", $5}' "$out"))"
}
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
  A1=$(app_ticks); P1=$(pg_ticks)
  N=$(awk '/requests in/ {print $1}' "$WORK/wrk-$path.txt")
  echo "CPU per answer, $path path: application $(echo "scale=3; 1000*($A1-$A0)/$TICK/$N" | bc) ms, PostgreSQL $(echo "scale=3; 1000*($P1-$P0)/$TICK/$N" | bc) ms ($N answers)"
  echo "== sweep, $path path: the rate and latency by concurrency (target of #23: >= 3,000/s with p99 <= 20 ms)"
  MET=
  for c in ${SWEEP_CONNECTIONS:-8 16 32 64}; do
    run_wrk "SWEEP eligibility $path" "$c" "${SWEEP_SECONDS:-10}" "$APP" pg -s "$WORK/eligibility.lua" "http://localhost:$PORT"
    if [ "$RATE" -ge 3000 ] && [ "$(echo "$P99 <= 20" | bc)" = 1 ]; then MET="$MET $c"; fi
  done
  echo "TARGET eligibility $path path, >= 3,000/s with p99 <= 20 ms: ${MET:+met at}${MET:-not met at any} connections$MET"
  cat > "$WORK/status.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n401 = 0; other = 0 end
function response(status, headers, body) if status == 401 then n401 = n401 + 1 else other = other + 1 end end
function done(summary, latency, requests)
  local a, b = 0, 0
  for _, t in ipairs(threads) do a = a + t:get("n401"); b = b + t:get("other") end
  io.write(string.format("statuses: %d 401, %d other\n", a, b))
end
LUA
  run_wrk "401 no token, $path path" 16 "${SWEEP_SECONDS:-10}" "$APP" nopg -s "$WORK/status.lua" \
      "http://localhost:$PORT/api/v1/eligibility?memberId=LA000000001"
  echo "401 no token, $path path: $(grep '^statuses:' "$WORK/wrk-401-no-token,-$path-path-c16.txt")"
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

# issue #23: the bare floor in the same run, a Spring Boot + Spring Security application with nothing of ours
stop_app
echo "== bare Spring Boot $(sed -n 's:.*<version>\(4[^<]*\)</version>.*:\1:p' bench/coverage/bare/pom.xml | head -1) + Spring Security (bench/coverage/bare), port $((PORT + 1))"
./mvnw -o -q -f bench/coverage/bare/pom.xml package -DskipTests
"$JAVA_HOME/bin/java" -Xmx1g -jar bench/coverage/bare/target/bare.jar --server.port=$((PORT + 1)) > "$WORK/bare.log" 2>&1 &
APP=$!
until curl -s -o /dev/null "localhost:$((PORT + 1))/json?memberId=LA000000001"; do sleep 1; kill -0 $APP; done
BARE="http://localhost:$((PORT + 1))"
wrk -t2 -c16 -d"${WARMUP}"s "$BARE/json?memberId=LA000000001" > /dev/null
wrk -t2 -c16 -d"${SWEEP_SECONDS:-10}"s "$BARE/secured" > /dev/null
for c in 16 64; do
  run_wrk "BARE 401 no credentials" "$c" "${SWEEP_SECONDS:-10}" "$APP" nopg "$BARE/secured"
  run_wrk "BARE JSON GET" "$c" "${SWEEP_SECONDS:-10}" "$APP" nopg "$BARE/json?memberId=LA000000001"
done
