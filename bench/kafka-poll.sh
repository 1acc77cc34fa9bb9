#!/usr/bin/env bash
# Polls per second one Kafka scaler's measure() loop sustains against a real broker. See bench/README.md.
#
#   bench/kafka-poll.sh [--partitions 8] [--seconds 10]
#
# A private KRaft broker (org.apache.kafka:kafka_2.13 from the test classpath) in its own JVM on loopback ports, a
# topic with a backlog in every partition, then the same loop on a group without lag. Everything started is stopped.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="bench/out"
mkdir -p "$out"

mvn_quiet() {
  ./mvnw -q -B -ntp -o "$@" || ./mvnw -q -B -ntp "$@"
}

echo "[bench] building the operator and its tests (test-compile) and resolving the classpath..." >&2
mvn_quiet -pl operator -am test-compile dependency:build-classpath -Dmdep.outputFile="$root/$out/test-classpath.txt" >&2

without_ebb() { tr ':' '\n' < "$1" | grep -v '/dev/ebb/' | paste -sd: -; }
classpath="$root/operator/target/test-classes:$root/crds/target/classes:$root/operator/target/classes:$(without_ebb "$out/test-classpath.txt")"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "[bench] machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $("$java_bin" -version 2>&1 | head -1)"
cd operator
exec "$java_bin" -XX:+UseSerialGC -Xmx384m -cp "$classpath" dev.ebb.operator.scaler.kafka.KafkaPollBenchmark "$@"
