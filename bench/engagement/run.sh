#!/usr/bin/env bash
# Times the engagement demo generator at small and full scale on a scratch embedded database.
# Usage: bench/engagement/run.sh            (builds target/commonweal.jar first if it is missing)
# Figures go in docs/benchmarks-engagement.md. Not a test: run it by hand, on a quiet machine if you can.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -f target/commonweal.jar ]; then
  ./mvnw -o -q package -DskipTests
fi
scratch=$(mktemp -d /tmp/engagement-bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export COMMONWEAL_DATA_DIR="$scratch"
for scale in small full small; do
  echo "== engagement at $scale scale"
  /usr/bin/time -f "wall %e s, max RSS %M KB" \
    "$JAVA_HOME/bin/java" -jar target/commonweal.jar generate --only engagement --scale "$scale" --force
done
