#!/usr/bin/env bash
# The dashboard's memory per pool and render time at 1,000 pools. See bench/README.md.
#
#   bench/dashboard.sh [--pools 1000] [--workers 10] [--renders 200]
#
# One JVM, no network, nothing started besides it: fills the dashboard's store as the control loop does, measures the
# heap it holds after full GCs (serial collector, so the figures are steady), then times the renderer.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="bench/out"
mkdir -p "$out"

mvn_quiet() {
  # offline first (the usual case here); online only when something is missing from ~/.m2
  ./mvnw -q -B -ntp -o "$@" || ./mvnw -q -B -ntp "$@"
}

echo "[bench] building the operator and its tests (test-compile) and resolving the classpath..." >&2
mvn_quiet -pl operator -am test-compile dependency:build-classpath -Dmdep.outputFile="$root/$out/test-classpath.txt" >&2

without_ebb() { tr ':' '\n' < "$1" | grep -v '/dev/ebb/' | paste -sd: -; }
classpath="$root/operator/target/test-classes:$root/crds/target/classes:$root/operator/target/classes:$(without_ebb "$out/test-classpath.txt")"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "[bench] machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $("$java_bin" -version 2>&1 | head -1)"
exec "$java_bin" -XX:+UseSerialGC -Xms1g -Xmx1g -cp "$classpath" dev.ebb.operator.bench.DashboardBenchmark "$@"
