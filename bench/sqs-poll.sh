#!/usr/bin/env bash
# Polls per second the SQS scaler sustains against ElasticMQ (an SQS-compatible server, in the benchmark's JVM on
# loopback). See bench/README.md.
#
#   bench/sqs-poll.sh [--seconds 10] [--threads 1,4]
#
# One JVM, no network beyond loopback, nothing left running: the benchmark stops ElasticMQ before it exits.
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
"$java_bin" -Xmx1g -cp "$classpath" dev.ebb.operator.bench.SqsPollBenchmark "$@" 2>&1 | grep -v DEBUG \
  | tee "$out/sqs-poll.txt"
