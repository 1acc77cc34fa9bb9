#!/usr/bin/env bash
# Prometheus backend poll throughput: how many polls a second one measure() loop (and four at once, sharing the
# backend's HTTP client) sustains against a private Prometheus scraping a test exporter, with the latency of one poll;
# for a pool with the depth query only and for one with all four queries (four instant queries per poll).
#
# Usage (from the repository root): bench/prometheus-poll.sh [seconds per case, default 10] [connections, default 4]
# Needs: Java 17 and `prometheus` on the PATH (Debian/Ubuntu: apt-get install prometheus). Installs nothing.
# Output also goes to bench/out/prometheus-poll.txt; Prometheus' files are under operator/target/prometheus-it/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
exec > >(tee "$OUT/prometheus-poll.txt") 2>&1

command -v prometheus > /dev/null || { echo "prometheus is not on the PATH (apt-get install prometheus)"; exit 1; }
offline=-o
./mvnw -B -ntp -q $offline -pl operator -am test-compile -Dmaven.test.skip.exec=true 2>/dev/null \
  || { offline=; ./mvnw -B -ntp -q -pl operator -am test-compile; }
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -ntp -q $offline -pl operator dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" > /dev/null
cd operator
java -Xmx384m -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  dev.ebb.operator.scaler.prometheus.PrometheusPollBenchmark "$@"
