#!/usr/bin/env bash
# Builds the image's application class-data sharing (AppCDS) archive: a pod's JVM maps the ~9,000
# classes it loads at start-up (Camel, Kafka, AWS SDK, Jackson, ours) instead of parsing and verifying
# them, which halves its start-up CPU (README, "The image"). JDK 17 accepts an
# archive only with the exact runtime and class path it was made with (absolute paths, jar sizes and
# times), so the training run happens in the image's own file tree, rebuilt here as Jib lays it out
# (runtime layer, /app/classpath/<jar>, /app/libs/<maven order>, files dated epoch + 1 s), entered
# with chroot inside an unprivileged user namespace. The run starts every stage against unreachable
# servers and stops once they try to connect: the archive holds the start-up path.
# Without user namespaces the archive is skipped (warning): the JVM ignores a missing archive file.
# Usage: app-cds.sh RUNTIME_DIR APP_JAR LIB_DIR OUT_DIR
set -euo pipefail
runtime=${1:?usage: app-cds.sh RUNTIME_DIR APP_JAR LIB_DIR OUT_DIR}
jar=${2:?}; lib=${3:?}; out=${4:?}
archive=app/cds/ccx-pipeline.jsa # in the image: /app/cds/ccx-pipeline.jsa (the entrypoint names it)
root="$out.root"
rm -rf "$out" "$root"; mkdir -p "$out/app/cds" "$root"

if ! unshare -rm true 2>/dev/null; then
  echo "app-cds: WARNING no user namespaces here (unshare -rm): the image gets no AppCDS archive, pods start slower" >&2
  exit 0
fi
[ -f "$runtime/opt/java/lib/server/classes.jsa" ] || { echo "app-cds: the runtime has no base CDS archive (jlink --generate-cds-archive)" >&2; exit 1; }

# The image's tree. Jib puts the packaged jar in /app/classpath and the dependencies in /app/libs, in
# the order Maven resolves them: the order of the jar's manifest Class-Path, which the same plugin wrote.
cp -a "$runtime/." "$root/"
mkdir -p "$root/app/classpath" "$root/app/libs" "$root/proc" "$root/dev" "$root/tmp"
chmod 1777 "$root/tmp"
cp "$jar" "$root/app/classpath/"
cp "$lib"/*.jar "$root/app/libs/"
touch -d @1 "$root/app/classpath/"*.jar "$root/app/libs/"*.jar
classpath="/app/classpath/*"
for entry in $(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n '/^Class-Path:/,/^[A-Z][A-Za-z-]*:/p' \
    | sed -e 's/^Class-Path: //' -e 's/^ //' -e '/^[A-Z][A-Za-z-]*:/d' | tr -d '\n'); do
  classpath="$classpath:/app/libs/${entry#lib/}"
done
printf '%s' "$classpath" >"$root/app/jib-classpath-file"

# Every stage on, every server unreachable (port 9, discard): the run loads what a pod loads to start.
export CCX_STAGES_SQS_LISTENER=true CCX_STAGES_UPLOAD_LISTENER=true CCX_STAGES_ARCHIVE_SYNC=true CCX_STAGES_RULES=true \
  CCX_STAGES_FEATURES=true CCX_STAGES_PARQUET_FACTORY=true CCX_STAGES_THANOS_POLL=true CCX_KAFKA_BROKERS=127.0.0.1:9 \
  CCX_AWS_S3_ENDPOINT=http://127.0.0.1:9 CCX_CEPH_ENDPOINT=http://127.0.0.1:9 CCX_SQS_ENDPOINT=http://127.0.0.1:9 \
  CCX_THANOS_URL=http://127.0.0.1:9 CCX_PARQUET_STATE_DIR=/tmp/parquet-state
log="$out.log"
unshare -rm sh -c '
  mount --rbind /proc "$0/proc" && mount --rbind /dev "$0/dev" &&
  exec chroot "$0" /opt/java/bin/java -XX:ArchiveClassesAtExit=/'"$archive"'.tmp -XX:MaxRAMPercentage=75 \
    -Djava.io.tmpdir=/tmp -cp @/app/jib-classpath-file app.PipelineMain' "$root" >"$log" 2>&1 &
pid=$!
mkdir -p "$root/app/cds"
for _ in $(seq 1 600); do # up to 60 s for every stage to reach for its server
  grep -q "could not be established" "$log" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
sleep 5 # the stages that wait on Kafka meanwhile start theirs
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true
if [ ! -s "$root/$archive.tmp" ]; then
  echo "app-cds: the training run wrote no archive; its log: $log" >&2
  tail -20 "$log" >&2
  exit 1
fi
mv "$root/$archive.tmp" "$out/$archive"
rm -rf "$root"
echo "app-cds: $(du -h "$out/$archive" | cut -f1) archive in $out/$archive ($(grep -c . "$log") log lines in $log)"
