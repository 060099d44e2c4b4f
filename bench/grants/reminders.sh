#!/usr/bin/env bash
# Report reminder job on the demo portfolio: starts the app on an empty embedded database (migrations + demo data)
# with the job scheduled every 20 seconds instead of 7:00 each morning, and reports the job's log lines: the first run
# queues the reminders of every open requirement of the active demo awards and sends them through the log adapter;
# later runs must queue nothing new. Usage: bench/grants/reminders.sh. Builds target/commonweal.jar if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
JAR=target/commonweal.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
DATA=target/bench-grants-reminders
rm -rf "$DATA"; mkdir -p "$DATA"
export COMMONWEAL_DATA_DIR=$DATA
PORT=18088 java -jar "$JAR" --commonweal.grants.reminders-cron='*/20 * * * * *' > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
# the web server answers before the demo data are in: wait for the ready line, then for the job's first run
for _ in $(seq 1 400); do grep -q "Commonweal is ready" "$DATA/app.log" && break; sleep 1; done
for _ in $(seq 1 240); do grep -q "Grants report reminders" "$DATA/app.log" && break; sleep 1; done
sleep 90   # two more firings; the lock (at least one minute) and the reminder table leave nothing new to send
echo "== job runs (grants-report-reminders): only runs that queued or sent something are logged"
grep -o "Grants report reminders.*" "$DATA/app.log" || echo "(no run logged)"
grep -c "Job grants-report-reminders failed" "$DATA/app.log" | sed 's/^/failed runs: /' || true
echo "== load average"; uptime
