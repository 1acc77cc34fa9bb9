#!/usr/bin/env bash
# Ebb's autoscaling reaction benchmark: how long after a queue grows does its pool's Deployment ask for more
# workers, at 100 and 1,000 pools. See bench/README.md.
#
#   bench/reaction.sh [--api mock|real] [--pools 100,1000] [--hostile 0,50] [--interval 1s] [--changes N]
#                     [--round-seconds 20] [--jobs 200] [--timeout 30s] [--operator-jvm '-Xmx1g'] [--jfr] [--out bench/out]
#
# No network: the API server is fabric8's mock server in this JVM (--api mock, the default) or a real control plane
# (--api real: etcd, kube-apiserver and kube-controller-manager v1.28 from EBB_K8S_BIN, Ebb's CRD and RBAC applied,
# the operator as its ServiceAccount with the shipped -Xmx307m -XX:+UseSerialGC), Redis a private redis-server on a loopback port,
# the operator a second JVM. Everything started here is stopped on exit (the trap below).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="bench/out"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ "${args[$i]}" == "--out" && $((i + 1)) -lt ${#args[@]} ]]; then out="${args[$((i + 1))]}"; fi
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"   # absolute from here on: --out may be relative or absolute

# --api real: the Kubernetes binaries, found as .ci/run finds them
if [[ -z "${EBB_K8S_BIN:-}" ]]; then
  for candidate in ../shared/k8s/bin /work/shared/k8s/bin; do
    if [[ -x "$candidate/kube-apiserver" ]]; then export EBB_K8S_BIN="$(cd "$candidate" && pwd)"; break; fi
  done
fi

mvn_quiet() {
  # offline first (the usual case here); online only when something is missing from ~/.m2
  ./mvnw -q -B -ntp -o "$@" || ./mvnw -q -B -ntp "$@"
}

echo "[bench] building the operator and its tests (test-compile) and resolving classpaths..."
mvn_quiet -pl operator -am test-compile dependency:build-classpath -Dmdep.outputFile="$out/test-classpath.txt" >&2
mvn_quiet -pl operator -am process-classes dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile="$out/runtime-classpath.txt" >&2

# the project's own modules come from their target/classes, never from a jar some earlier install left in ~/.m2
without_ebb() { tr ':' '\n' < "$1" | grep -v '/dev/ebb/' | paste -sd: -; }
modules="$root/crds/target/classes:$root/operator/target/classes"
operator_cp="$modules:$(without_ebb "$out/runtime-classpath.txt")"
bench_cp="$root/operator/target/test-classes:$modules:$root/redis-process/target/classes:$root/control-plane/target/classes:$(without_ebb "$out/test-classpath.txt")"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
bench_pid=""
cleanup() {
  local code=$?
  if [[ -n "$bench_pid" ]] && kill -0 "$bench_pid" 2>/dev/null; then
    # its children (the operator JVM, redis-server) by parent id, before the parent goes
    local children
    children="$(pgrep -P "$bench_pid" || true)"
    kill -TERM "$bench_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$bench_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$bench_pid" 2>/dev/null || true
    for child in $children; do kill -KILL "$child" 2>/dev/null || true; done
  fi
  exit "$code"
}
trap cleanup EXIT INT TERM

echo "[bench] machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $("$java_bin" -version 2>&1 | head -1)"
"$java_bin" -Xmx2g \
  -Djava.util.logging.config.file="$root/operator/src/test/resources/logging.properties" \
  -Debb.bench.operatorClasspath="$operator_cp" \
  -cp "$bench_cp" dev.ebb.operator.bench.ReactionBenchmark "$@" &
bench_pid=$!
wait "$bench_pid"
