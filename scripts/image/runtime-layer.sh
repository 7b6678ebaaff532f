#!/usr/bin/env bash
# Builds the image's runtime layer without a registry or a Docker engine: a jlink'd Java
# runtime under /opt/java plus exactly the shared libraries it links against (found with ldd),
# so Jib can put the application on a `scratch` base.
# Usage: runtime-layer.sh OUT_DIR
set -euo pipefail
out=${1:?usage: runtime-layer.sh OUT_DIR}
jlink_bin=${JLINK:-$(command -v jlink || echo "${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/jlink")}
[ -x "$jlink_bin" ] || { echo "runtime-layer: jlink not found (install a JDK 17)" >&2; exit 1; }
stamp="$out.done" # beside the layer, not in it
[ -f "$stamp" ] && { echo "runtime layer up to date in $out"; exit 0; }
rm -rf "$out"; mkdir -p "$out/opt" "$out/tmp" "$out/etc"
# The runtime modules the shipped libraries reach for (Hadoop: java.desktop's java.beans, Kafka:
# java.management/jdk.management, AWS SDK and TLS: java.naming, jdk.crypto.*), no compiler or tools.
# --generate-cds-archive: the JDK's default class-data sharing archive, which jlink otherwise drops
# (and the base the application's archive, scripts/image/app-cds.sh, is layered on).
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,java.naming
modules=$modules,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql
modules=$modules,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management
modules=$modules,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.httpserver,jdk.localedata
"$jlink_bin" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=1 --generate-cds-archive --output "$out/opt/java" >/dev/null
# jlink keeps Debian's symlinked cacerts as a link to the host; the image needs the file itself.
if [ -L "$out/opt/java/lib/security/cacerts" ]; then
  cp --remove-destination "$(readlink -f "$out/opt/java/lib/security/cacerts")" "$out/opt/java/lib/security/cacerts"
fi
find "$out/opt/java" -type l | while read -r l; do cp --remove-destination "$(readlink -f "$l")" "$l"; done
# Shared libraries, at the paths the dynamic loader looks them up.
# (the X11/AWT and sound libraries are skipped: the JVM runs headless and never loads them)
libs=$(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) ! -name 'libawt_xawt.so' ! -name 'libsplashscreen.so' \
  ! -name 'libjsound.so' ! -name 'libfontmanager.so' -exec ldd {} \; 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u)
for lib in $libs; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# libnss for name lookup in glibc builds that still split it out
for nss in /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
  [ -e "$nss" ] && { mkdir -p "$out$(dirname "$nss")"; cp -L "$nss" "$out$nss"; }
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nccx:x:1001:0:ccx-pipeline:/tmp:/sbin/nologin\n' >"$out/etc/passwd"
printf 'root:x:0:\n' >"$out/etc/group"
printf 'hosts: files dns\n' >"$out/etc/nsswitch.conf"
touch "$stamp"
echo "runtime layer in $out: $(du -sh "$out" | cut -f1)"
