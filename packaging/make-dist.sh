#!/usr/bin/env bash
# Assembles the release (make dist): OUT/tandem-VERSION/ and OUT/tandem-VERSION.tar.gz with the server jar (the web
# client inside), the launcher, install.sh, the systemd unit, the env file template and the Asterisk configuration.
# usage: make-dist.sh [OUT_DIR]   (default dist/; JAR=path overrides server/target/tandemcc-server.jar)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$(readlink -m "${1:-$repo/dist}")"
jar="${JAR:-$repo/server/target/tandemcc-server.jar}"
[ -f "$jar" ] || { echo "make-dist.sh: no $jar (make build first)" >&2; exit 1; }
unzip -l "$jar" 'webroot/index.html' >/dev/null 2>&1 || { echo "make-dist.sh: $jar has no web client (built with -Dskip.webclient?)" >&2; exit 1; }
version="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$repo/pom.xml" | head -n1)"
[ -n "$version" ] || { echo "make-dist.sh: no version in pom.xml" >&2; exit 1; }
name="tandem-$version"
stage="$out/$name"
rm -rf "$stage" "$out/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/systemd" "$stage/docs" "$stage/asterisk-conf"
cp "$jar" "$stage/tandemcc-server.jar"
install -m 0755 "$repo/packaging/bin/tandem" "$stage/bin/tandem"
install -m 0644 "$repo/packaging/bin/tandem-backup.sh" "$stage/bin/"
install -m 0755 "$repo/packaging/install.sh" "$stage/install.sh"
install -m 0644 "$repo/packaging/systemd/tandem.service" "$stage/systemd/"
"$repo/packaging/make-env-template.sh" "$repo/config/reference.env" "$repo/packaging/tandem.env.overrides" \
  >"$stage/tandem.env.template"
cp "$repo"/asterisk-conf/*.conf "$repo/asterisk-conf/README.md" "$stage/asterisk-conf/"
cp "$repo"/docs/*.md "$stage/docs/"
cp "$repo/README.md" "$stage/"
echo "$version (git $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown))" >"$stage/VERSION"
tar -czf "$out/$name.tar.gz" -C "$out" "$name"
echo "$out/$name.tar.gz"
