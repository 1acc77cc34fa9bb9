#!/usr/bin/env bash
# PostgreSQL poll throughput: how many polls per second one measure() loop sustains against a real PostgreSQL, for
# each format of spec.queue.postgres (dev.ebb.operator.scaler.postgres.PostgresPollBenchmark, in the operator's test
# sources). It starts a private cluster with Debian's binaries (/usr/lib/postgresql/<version>/bin; as root it runs
# them as the postgres user), fills each library's tables with JOBS waiting jobs, and polls each format for SECONDS.
#
# Usage (from the repository root): bench/postgres-polls.sh          JOBS=10000 SECONDS=5 by default
# Needs: Java 17 and Debian's postgresql package. Output also goes to bench/out/postgres-polls.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
exec > >(tee "$OUT/postgres-polls.txt") 2>&1

./mvnw -B -ntp -q -o -pl operator test-compile
./mvnw -B -ntp -q -o -pl operator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
cd operator
java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.ebb.operator.scaler.postgres.PostgresPollBenchmark
