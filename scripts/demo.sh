#!/usr/bin/env bash
# Runs the demo: the whole pipeline on embedded servers (Kafka, ElasticMQ, S3Proxy) in either
# shape (`--topology baseline|2024`, default baseline) over the bundled sample archive (in 2024 with
# generated OpenShift Lightspeed archives), or over `--archives DIR`, writing everything under `--out DIR`.
#   scripts/demo.sh --out target/demo [--topology 2024] [--archives DIR | --fleet-variants]
# The demo and its servers are test tooling (src/test/java/app/demo, devservers): they are not
# in the production jar or image, so the demo runs from the test classpath.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/demo-classpath.txt >/dev/null
exec java ${DEMO_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/demo-classpath.txt)" \
  app.demo.Demo "$@"
