#!/usr/bin/env bash
# Worker throughput benchmark: how many no-op jobs per second one worker process drains with reliable fetch, and
# what it costs in CPU per job, next to what redis-benchmark measures for a bare LMOVE on the same Redis (the ceiling).
#
# Usage (from the repository root): bench/worker-throughput.sh      JOBS=200000 RUNS="1 16 1/1" by default
#        JOBS=50000 RUNS="1 4 16" bench/worker-throughput.sh
# A run is a concurrency, optionally /max batch: "1/1" is concurrency 1 with batching off (EBB_MAX_BATCH=1).
# Needs: Java 17, and a redis-server on the PATH or the one inside the embedded-redis jar in ~/.m2 (the build fetches
# it). redis-benchmark (Debian/Ubuntu: `apt-get install redis-tools`; macOS: `brew install redis`) is optional: without
# it the ceiling lines are skipped. Installs nothing. Output also goes to bench/out/worker-throughput.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

JOBS=${JOBS:-200000}
RUNS=${RUNS:-"1 16 1/1"}
JAR=worker-runtime/target/ebb-worker.jar
OUT=bench/out
mkdir -p "$OUT"
exec > >(tee "$OUT/worker-throughput.txt") 2>&1

if [[ ! -f $JAR ]]; then
  echo "building $JAR ..."
  ./mvnw -B -ntp -q -pl worker-runtime -am package -DskipTests
fi

redis_server=$(command -v redis-server || true)
if [[ -z $redis_server ]]; then
  embedded=$(ls ~/.m2/repository/com/github/codemonstur/embedded-redis/*/embedded-redis-*.jar 2>/dev/null | tail -1)
  case $(uname -m) in
    x86_64) binary=redis-server-6.2.6-v5-linux-amd64 ;;
    aarch64) binary=redis-server-6.2.7-linux-arm64 ;;
    *) echo "no redis-server on PATH and no embedded binary for $(uname -m)"; exit 1 ;;
  esac
  [[ -n $embedded ]] || { echo "no redis-server on PATH and no embedded-redis jar in ~/.m2 (run the build once)"; exit 1; }
  redis_server=$OUT/redis-server
  unzip -p "$embedded" "$binary" > "$redis_server"
  chmod +x "$redis_server"
fi

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo $port; return; }
  done
}
wait_port() {
  for _ in $(seq 1 200); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.05; done
  echo "nothing listens on port $1"; exit 1
}

PORT=$(free_port)
workdir=$(mktemp -d)
"$redis_server" --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$workdir" > "$OUT/redis.log" 2>&1 &
redis_pid=$!
worker_pid=
cleanup() {
  [[ -n $worker_pid ]] && kill -9 "$worker_pid" 2>/dev/null || true
  kill "$redis_pid" 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT
wait_port "$PORT"

export EBB_REDIS_URL=redis://127.0.0.1:$PORT/0
java_opts=(-XX:+UseSerialGC -Xmx256m)
echo "redis: $("$redis_server" --version | awk '{print $3}' | sed 's/v=//') on port $PORT; cpus: $(nproc); $(java -version 2>&1 | head -1)"
echo "jobs per run: $JOBS (noop, enqueued in bulk before the worker starts)"

declare -A rate
for run in $RUNS; do
  conc=${run%%/*}
  batch=100
  [[ $run == */* ]] && batch=${run##*/}
  queue=bench-c$conc-b$batch
  java -cp "$JAR" dev.ebb.worker.producer.EnqueueMain --queue "$queue" --count "$JOBS" --type noop --payload '{}' \
    | sed 's/^/  /'
  http_port=$(free_port)
  EBB_QUEUE=$queue EBB_CONCURRENCY=$conc EBB_MAX_BATCH=$batch EBB_HTTP_PORT=$http_port EBB_POD_NAME=bench \
    java "${java_opts[@]}" -jar "$JAR" > "$OUT/worker-$queue.log" 2>&1 &
  worker_pid=$!
  read -r counted seconds per_s cpu_us < <(java -cp "$JAR" dev.ebb.worker.bench.DrainTimer --queue "$queue" \
    --jobs "$((JOBS - 1))" --pid "$worker_pid")
  kill -TERM "$worker_pid"; wait "$worker_pid" || true; worker_pid=
  [[ $batch == 100 ]] && rate[$conc]=$per_s
  printf 'worker, concurrency %-3s max batch %-3s %8d jobs in %6.2f s = %8.0f jobs/s, %6.1f us CPU/job (worker)\n' \
    "$conc" "$batch" "$counted" "$seconds" "$per_s" "$cpu_us"
done

if command -v redis-benchmark > /dev/null; then
  echo "ceiling (redis-benchmark, same redis-server):"
  for conc in $(printf "%s\n" "${!rate[@]}" | sort -n); do
    redis-benchmark -p "$PORT" -n "$JOBS" -c "$conc" -q LPUSH bench:src x > /dev/null
    lmove=$(redis-benchmark -p "$PORT" -n "$JOBS" -c "$conc" -q LMOVE bench:src bench:dst RIGHT LEFT \
      | tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -1 | awk '{print $1}')
    printf 'LMOVE, %-3s connection(s)            %8.0f ops/s   -> the worker at concurrency %s (batch 100) does %.2f x this\n' \
      "$conc" "$lmove" "$conc" "$(awk -v a="${rate[$conc]}" -v b="$lmove" 'BEGIN{print a/b}')"
  done
else
  echo "ceiling: skipped (redis-benchmark not found; Debian/Ubuntu: apt-get install redis-tools)"
fi
