#!/usr/bin/env bash
# Times the Find a Doctor searches of docs/benchmarks-network.md with bench/network/SingleQuery.java (n = 20).
set -u
BASE=${1:-http://localhost:18493}
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cd "$(dirname "$0")/../.."
for u in "kind=doctor&near=90012&miles=10" \
         "kind=doctor&near=90012&miles=10&page=1" \
         "kind=doctor&near=90012&miles=10&sort=name" \
         "kind=doctor&near=90012&miles=50&accepting=true" \
         "kind=doctor&near=90012&miles=50&accepting=true&page=3" \
         "kind=doctor&near=90033&miles=10&language=es" \
         "kind=doctor&name=garcia"; do
  printf '%-60s ' "$u"; uptime | sed 's/.*load average: //' | tr '\n' ' '
  $J bench/network/SingleQuery.java "$BASE/find-a-doctor?$u" 20
done
