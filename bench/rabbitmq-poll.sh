#!/usr/bin/env bash
# Polls per second of the RabbitMQ scalers against a private rabbitmq-server. See bench/README.md.
#
#   bench/rabbitmq-poll.sh [seconds per run, 10]
#
# Needs Debian's rabbitmq-server (apt-get install rabbitmq-server); starts its own node under operator/target/rabbitmq
# and stops it (SIGTERM, then SIGKILL after 30 s) when the benchmark ends.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="bench/out"
mkdir -p "$out"

mvn_quiet() {
  # offline first (the usual case here); online only when something is missing from the local repository
  ./mvnw -q -B -ntp -o "$@" || ./mvnw -q -B -ntp "$@"
}

echo "[bench] building the operator and its tests (test-compile) and resolving the classpath..." >&2
mvn_quiet -pl operator -am test-compile dependency:build-classpath -Dmdep.outputFile="$root/$out/test-classpath.txt" >&2

without_ebb() { tr ':' '\n' < "$1" | grep -v '/dev/ebb/' | paste -sd: -; }
classpath="$root/operator/target/test-classes:$root/crds/target/classes:$root/operator/target/classes:$(without_ebb "$out/test-classpath.txt")"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "[bench] machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $("$java_bin" -version 2>&1 | head -1)"
cd "$root/operator"
exec "$java_bin" -Xmx384m -cp "$classpath" dev.ebb.operator.scaler.rabbitmq.RabbitMqPollBenchmark "$@"
