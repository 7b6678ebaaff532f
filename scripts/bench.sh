#!/usr/bin/env bash
# Runs every benchmark and writes docs/benchmarks.md (see README, "Benchmarks").
#   scripts/bench.sh            full sizes (about 15 minutes on 2 cores)
#   scripts/bench.sh --quick    smaller sizes (about 5 minutes)
#   scripts/bench.sh --only parquet   the Parquet factory alone (section 4: durable path vs bare
#                               parquet-avro and DuckDB at 10k/100k/1M rows, heap per hour size;
#                               about 5 minutes; starts its own S3Proxy, no other server)
# Other arguments go to bench.AllBenchmarks: --out FILE, --only e2e,sync,rules,parquet,memory,e2e-2024.
# With --only, the sections run replace theirs in the existing document; the others are kept.
# Needs what the integration tests need: node for DuckDB (npm ci --prefix tools/parquet-check),
# and the Ceph packages (scripts/servers/ceph-rgw.sh installs them when missing).
# JVM options for the benchmark JVM: BENCH_JAVA_OPTS (e.g. -Dbench.pipeline.ccx.analysis.consumers=2).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
# Room in Ceph's in-memory OSD for the end-to-end archives and the 200 MB ones.
export CEPH_MEMSTORE_BYTES=${CEPH_MEMSTORE_BYTES:-4294967296}
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -Dccx.log.level=WARN \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  bench.AllBenchmarks --command "scripts/bench.sh $*" "$@"
