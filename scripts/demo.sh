#!/usr/bin/env bash
# Runs the demo: the whole pipeline on embedded servers (Kafka, ElasticMQ, S3Proxy) over the
# bundled sample archive, or over `--archives DIR`, writing everything under `--out DIR`.
#   scripts/demo.sh --out target/demo [--archives DIR]
# The demo and its servers are test tooling (src/test/java/app/demo, devservers): they are not
# in the production jar or image, so the demo runs from the test classpath.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/demo-classpath.txt >/dev/null
exec java ${DEMO_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/demo-classpath.txt)" \
  app.demo.Demo "$@"
