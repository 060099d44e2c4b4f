#!/usr/bin/env bash
# Times the engagement demo generator at small and full scale, each on a fresh scratch embedded database, by starting
# the application (demo mode loads the dataset on first start) and reading the generator's own timing line.
# (The `generate` command is the intended way; on this branch's foundation it fails to start in command mode —
# see docs/benchmarks-engagement.md.)
# Usage: bench/engagement/run.sh   (builds target/commonweal.jar first if it is missing)
# Not a test: run it by hand, on a quiet machine if you can.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -f target/commonweal.jar ]; then
  ./mvnw -q package -DskipTests
fi
for scale in small full; do
  scratch=$(mktemp -d /tmp/engagement-bench.XXXXXX)
  log="$scratch/app.log"
  cp target/commonweal.jar "$scratch/app.jar"   # a rebuild of target/ must not pull the jar from under the JVM
  COMMONWEAL_DATA_DIR="$scratch" COMMONWEAL_DEMO_SCALE="$scale" PORT=0 \
    "$JAVA_HOME/bin/java" -jar "$scratch/app.jar" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    # runners (the demo loader) run after "Started …" is logged: wait for the generator's own line
    if grep -q "Demo data engagement" "$log" || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "== $scale: $(grep -o 'Demo data engagement: .*' "$log" || echo 'no timing line (see log)')"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$scratch"
done
