#!/usr/bin/env bash
# The release, its install script and backup/restore, end to end on this machine without touching it (make
# test-dist; docs/install.md). A throw-away PostgreSQL cluster in a temporary directory on a free port, the release
# unpacked from its tarball, install.sh --root into a temporary root, twice; then backup, an empty database and
# DATA_DIR, restore. Needs the built jar (server/target/tandemcc-server.jar, with the web client), PostgreSQL 15's
# server binaries (Debian's postgresql-15) and shellcheck.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
# the newest installed PostgreSQL server (Debian 12: 15, Ubuntu 24.04: 16)
PG_BIN="${PG_BIN:-$(find /usr/lib/postgresql -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n1)}"
[ -x "$PG_BIN/initdb" ] || { echo "install-test: no PostgreSQL server binaries (apt-get install postgresql-15)" >&2; exit 1; }
[ -f "$repo/server/target/tandemcc-server.jar" ] || { echo "install-test: build the jar first (make build)" >&2; exit 1; }
work="$(mktemp -d /tmp/tandem-install-test.XXXXXX)"
chmod 0755 "$work"
pg_pid=""
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  [ -n "${KEEP:-}" ] && { echo "kept $work"; return; }
  rm -rf "$work"
}
trap cleanup EXIT
fails=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; fails=$((fails + 1)); }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
# initdb refuses to run as root: the cluster then belongs to the OS user postgres
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

echo "# shellcheck"
check "shellcheck: install.sh, bin/tandem, backup, make-dist, env template, this test" \
  shellcheck -x "$repo"/packaging/install.sh "$repo"/packaging/bin/tandem "$repo"/packaging/bin/tandem-backup.sh \
  "$repo"/packaging/make-dist.sh "$repo"/packaging/make-env-template.sh "$0"

echo "# the release"
tarball="$("$repo/packaging/make-dist.sh" "$work/dist" | tail -n1)"
mkdir "$work/unpacked" && tar -xzf "$tarball" -C "$work/unpacked"
rel="$(echo "$work"/unpacked/tandem-*)"
for f in tandemcc-server.jar bin/tandem bin/tandem-backup.sh install.sh systemd/tandem.service tandem.env.template \
  asterisk-conf/manager.conf asterisk-conf/pjsip.conf VERSION docs/install.md; do
  [ -e "$rel/$f" ] || fail "the tarball has $f"
done
ok "the tarball has the jar, launcher, install.sh, unit, env template, Asterisk files, docs"
check "every setting of config/reference.env is in the env template" bash -c \
  "diff <(grep -oE '^[A-Z_0-9]+=' '$repo/config/reference.env') <(grep -oE '^[A-Z_0-9]+=' '$rel/tandem.env.template' | grep -v '^TANDEM_')"
check "the launcher gives the JVM the heap of the env file and exits on OutOfMemoryError" bash -c \
  "printf '%s\n' '#!/bin/sh' 'echo \"\$@\"' >'$work/fake-java' && chmod +x '$work/fake-java' &&
   printf 'TANDEM_HEAP_MIN=64m\nTANDEM_HEAP_MAX=300m\nTANDEM_JAVA_OPTS=\"-Da=1 -Db=2\"\n' >'$work/heap.env' &&
   [ \"\$(JAVA='$work/fake-java' TANDEM_ENV='$work/heap.env' '$rel/bin/tandem' run)\" = \
     '-XX:+ExitOnOutOfMemoryError -Xms64m -Xmx300m -Da=1 -Db=2 -jar $rel/tandemcc-server.jar' ]"
check "without a heap in the env file the launcher still fixes one (256m / 1g), and an empty one leaves it to the JVM" bash -c \
  "printf 'TANDEM_JAVA_OPTS=\n' >'$work/noheap.env' && printf 'TANDEM_HEAP_MIN=\nTANDEM_HEAP_MAX=\n' >'$work/jvmheap.env' &&
   [ \"\$(env -u TANDEM_HEAP_MIN -u TANDEM_HEAP_MAX JAVA='$work/fake-java' TANDEM_ENV='$work/noheap.env' '$rel/bin/tandem' run)\" = \
     '-XX:+ExitOnOutOfMemoryError -Xms256m -Xmx1g -jar $rel/tandemcc-server.jar' ] &&
   [ \"\$(JAVA='$work/fake-java' TANDEM_ENV='$work/jvmheap.env' '$rel/bin/tandem' run)\" = \
     '-XX:+ExitOnOutOfMemoryError -jar $rel/tandemcc-server.jar' ]"

echo "# a throw-away PostgreSQL"
# a free port: nothing answers a connection to it
port=""
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port="$p"; break; fi
done
[ -n "$port" ] || { echo "install-test: no free port" >&2; exit 1; }
mkdir "$work/pg" "$work/pgsock"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg" "$work/pgsock"
as_pg "$PG_BIN/initdb" -D "$work/pg" -U pgadmin --auth-local=trust --auth-host=scram-sha-256 >"$work/initdb.log"
as_pg "$PG_BIN/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w \
  -o "-p $port -k $work/pgsock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
pg_pid=1
su_psql() { psql -X -qtA -h "$work/pgsock" -p "$port" -U pgadmin "$@"; }

root="$work/root"
install_args=(--root "$root" --pg-host "$work/pgsock" --pg-port "$port" --pg-superuser pgadmin --tenant-domain acme
  --tenant-name Acme --admin alice)
env_file="$root/etc/tandem/tandem.env"
# no Asterisk on the PATH (this machine has none; CI neither)
path_without_asterisk="$work/nopath:$PATH"
mkdir "$work/nopath"; printf '#!/bin/sh\nexit 127\n' >"$work/nopath/asterisk"; chmod +x "$work/nopath/asterisk"

echo "# first install"
PATH="$path_without_asterisk" "$rel/install.sh" "${install_args[@]}" >"$work/install1.log" 2>&1 \
  || { cat "$work/install1.log"; fail "install.sh (first run)"; exit 1; }
ok "install.sh --root runs against the throw-away cluster"
check "without Asterisk it says so and what to do" grep -q "Asterisk is not installed" "$work/install1.log"
for k in JWT_SECRET SIP_UPSTREAM_SECRET DATABASE_PASSWORD AMI_SECRET; do
  v="$(sed -n "s/^$k=//p" "$env_file")"
  [ "${#v}" -ge 32 ] || fail "$k generated (>= 32 characters)"
done
ok "the env file has generated secrets"
check "the env file is production mode with DATA_DIR inside the root" \
  grep -qx "DATA_DIR=$root/var/lib/tandem" "$env_file"
check "the env file is not readable by others" bash -c "[ \"\$(stat -c %a '$env_file')\" = 640 ]"
db_pass="$(sed -n 's/^DATABASE_PASSWORD=//p' "$env_file")"
check "the database user signs in over TCP with the generated password" bash -c \
  "[ \"\$(PGPASSWORD='$db_pass' psql -X -qtA -h 127.0.0.1 -p $port -U tandem -d tandem -c 'select current_user')\" = tandem ]"
check "the first tenant and its admin exist (admin create-tenant, migrations applied)" bash -c \
  "[ \"\$(psql -X -qtA -h '$work/pgsock' -p $port -U pgadmin -d tandem -c \"select count(*) from tenant t join app_user u on u.tenant_id = t.id where t.domain = 'acme' and u.username = 'alice'\")\" = 1 ]"
check "the first admin's password is kept 0600" bash -c "[ \"\$(stat -c %a '$root/etc/tandem/first-admin-password')\" = 600 ]"
check "the unit is rendered with the hardening options and no capability" bash -c \
  "grep -qx 'ProtectSystem=strict' '$root/etc/systemd/system/tandem.service' &&
   grep -qx 'ReadWritePaths=/var/lib/tandem' '$root/etc/systemd/system/tandem.service' &&
   grep -qx 'CapabilityBoundingSet=' '$root/etc/systemd/system/tandem.service' &&
   [ ! -e '$root/etc/systemd/system/tandem.service.d/10-low-ports.conf' ]"
if command -v systemd-analyze >/dev/null; then
  # verify checks ExecStart's binary: the installed launcher in the root; User=tandem need not exist here
  sed "s|^ExecStart=/opt/tandem|ExecStart=$root/opt/tandem|" "$root/etc/systemd/system/tandem.service" \
    >"$work/tandem.service"
  # it only warns about a bad value: any output is a failure
  if systemd-analyze verify "$work/tandem.service" >"$work/verify.log" 2>&1 && [ ! -s "$work/verify.log" ]; then
    ok "systemd-analyze verify: no warning"
  else cat "$work/verify.log"; fail "systemd-analyze verify"; fi
fi
echo "# the installed server starts in production mode with the env file install.sh wrote"
# only the listener differs (a free port, no TLS files yet) and AMI points at a closed port: no Asterisk here
sed -e 's/^HTTP_PORT=.*/HTTP_PORT=0/' -e "s|^PORT_FILE=.*|PORT_FILE=$work/port|" -e 's/^AMI_PORT=.*/AMI_PORT=1/' \
  "$env_file" >"$work/run.env"
TANDEM_ENV="$work/run.env" "$root/opt/tandem/bin/tandem" run >"$work/server.log" 2>&1 &
server_pid=$!
http_get() { # http_get PATH: the response (status line, headers, body) of a plain HTTP/1.0 GET, no curl needed
  exec 3<>"/dev/tcp/127.0.0.1/$(cat "$work/port")" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3 && cat <&3
  exec 3<&-
}
for _ in $(seq 1 60); do [ -s "$work/port" ] && break; kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
if [ -s "$work/port" ]; then
  check "the server's health: database up (the PBX down: no Asterisk)" bash -c \
    "$(declare -f http_get); work='$work'; http_get /api/health | grep -q '\"database\":{\"state\":\"UP\"'"
  check "the server serves the web client from the jar" bash -c \
    "$(declare -f http_get); work='$work'; http_get / | grep -qi '<!doctype html'"
else
  cat "$work/server.log"; fail "the installed server started (PORT_FILE written)"
fi
kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""

tenant_before="$(su_psql -d tandem -c "select id, domain, name from tenant order by id")"
cp "$env_file" "$work/env.first"

echo "# second install (upgrade) with Asterisk 22"
mkdir "$work/ast22"; printf '#!/bin/sh\necho "Asterisk 22.10.1"\n' >"$work/ast22/asterisk"; chmod +x "$work/ast22/asterisk"
mkdir -p "$root/var/lib/tandem/journal"; echo "kept" >"$root/var/lib/tandem/journal/marker"
PATH="$work/ast22:$PATH" "$rel/install.sh" "${install_args[@]}" >"$work/install2.log" 2>&1 \
  || { cat "$work/install2.log"; fail "install.sh (second run)"; exit 1; }
check "the second run keeps the env file (secrets unchanged)" cmp -s "$env_file" "$work/env.first"
check "the second run keeps the tenant rows" bash -c \
  "[ \"\$(psql -X -qtA -h '$work/pgsock' -p $port -U pgadmin -d tandem -c 'select id, domain, name from tenant order by id')\" = '$tenant_before' ]"
check "the second run keeps DATA_DIR" grep -qx kept "$root/var/lib/tandem/journal/marker"
check "the second run creates no second tenant" grep -q "first admin:  kept" "$work/install2.log"
ami="$(sed -n 's/^AMI_SECRET=//p' "$env_file")"
check "Asterisk 22: manager.conf installed with the env file's AMI secret" grep -qx "secret=$ami" "$root/etc/asterisk/manager.conf"
check "Asterisk 22: the generated files' directory exists with empty files" \
  test -f "$root/etc/asterisk/tandem/pjsip_tenants.conf"

echo "# a changed Asterisk file is kept on upgrade"
echo "; my inbound menu" >>"$root/etc/asterisk/extensions.conf"
# and HTTPS on 443 from certificate files: the unit gets CAP_NET_BIND_SERVICE through its drop-in
touch "$work/fullchain.pem" "$work/privkey.pem"
PATH="$work/ast22:$PATH" "$rel/install.sh" "${install_args[@]}" --tls-cert "$work/fullchain.pem" \
  --tls-key "$work/privkey.pem" --domain cc.example.com >"$work/install3.log" 2>&1 \
  || { cat "$work/install3.log"; fail "install.sh (third run)"; }
check "the operator's extensions.conf is kept, ours beside it as .tandem-new" bash -c \
  "grep -q 'my inbound menu' '$root/etc/asterisk/extensions.conf' && cmp -s '$rel/asterisk-conf/extensions.conf' '$root/etc/asterisk/extensions.conf.tandem-new'"
check "an unchanged file is replaced without a .tandem-new" test ! -e "$root/etc/asterisk/pjsip.conf.tandem-new"
check "--tls-cert: TLS_MODE=files on 443 with the redirect on 80, secrets unchanged" bash -c \
  "grep -qx TLS_MODE=files '$env_file' && grep -qx HTTP_PORT=443 '$env_file' && grep -qx HTTP_REDIRECT_PORT=80 '$env_file' &&
   [ \"\$(grep -E '^(JWT_SECRET|SIP_UPSTREAM_SECRET|DATABASE_PASSWORD|AMI_SECRET)=' '$env_file')\" = \
     \"\$(grep -E '^(JWT_SECRET|SIP_UPSTREAM_SECRET|DATABASE_PASSWORD|AMI_SECRET)=' '$work/env.first')\" ]"
check "ports below 1024: the drop-in grants CAP_NET_BIND_SERVICE only" grep -qx \
  "AmbientCapabilities=CAP_NET_BIND_SERVICE" "$root/etc/systemd/system/tandem.service.d/10-low-ports.conf"
check "the printed URL is the domain over HTTPS" grep -q "URL: *https://cc.example.com/$" "$work/install3.log"

echo "# another Asterisk version stops the install"
mkdir "$work/ast20"; printf '#!/bin/sh\necho "Asterisk 20.5.0"\n' >"$work/ast20/asterisk"; chmod +x "$work/ast20/asterisk"
if PATH="$work/ast20:$PATH" "$rel/install.sh" "${install_args[@]}" >"$work/install4.log" 2>&1; then
  fail "Asterisk 20 refused"
else
  check "Asterisk 20 refused with its version and the way out" grep -q "found 'Asterisk 20.5.0'.*needs Asterisk 22" "$work/install4.log"
fi

echo "# backup and restore"
tandem() { TANDEM_ENV="$env_file" "$root/opt/tandem/bin/tandem" "$@"; }
mkdir -p "$root/var/lib/tandem/tls" "$root/var/spool/asterisk/monitor/1"
echo "cert" >"$root/var/lib/tandem/tls/cert.pem"
head -c 4096 /dev/urandom >"$root/var/spool/asterisk/monitor/1/42-1700000000000.wav"
su_psql -d tandem -c "update tenant set name = 'Acme after install' where domain = 'acme'"
rows_before="$(su_psql -d tandem -c "select t.domain, t.name, u.username, u.password_hash from tenant t join app_user u on u.tenant_id = t.id order by u.id")"
history_before="$(su_psql -d tandem -c "select version, checksum from flyway_schema_history order by installed_rank")"
cp -a "$root/var/lib/tandem" "$work/data.before"; cp -a "$root/var/spool/asterisk/monitor" "$work/rec.before"
tandem backup "$work/backup.tar.gz" >"$work/backup.log" 2>&1 || { cat "$work/backup.log"; fail "tandem backup"; }
check "the backup holds the dump, DATA_DIR and the recordings" bash -c \
  "tar -tzf '$work/backup.tar.gz' | grep -qx database.dump && tar -tzf '$work/backup.tar.gz' | grep -q 'data/./journal/marker' &&
   tar -tzf '$work/backup.tar.gz' | grep -q 'recordings/./1/42-1700000000000.wav'"
if tandem restore "$work/backup.tar.gz" >"$work/refused.log" 2>&1; then fail "restore refuses a database that is not empty"
else check "restore refuses a database that is not empty" grep -q "is not empty" "$work/refused.log"; fi
# a new machine: an empty database of the same name and owner, empty directories
su_psql -d postgres -c "drop database tandem" -c "create database tandem owner tandem"
rm -rf "$root/var/lib/tandem" "$root/var/spool/asterisk/monitor"
tandem restore "$work/backup.tar.gz" >"$work/restore.log" 2>&1 || { cat "$work/restore.log"; fail "tandem restore"; }
check "the rows come back (tenants, users with their password hashes)" bash -c \
  "[ \"\$(psql -X -qtA -h '$work/pgsock' -p $port -U pgadmin -d tandem -c \"select t.domain, t.name, u.username, u.password_hash from tenant t join app_user u on u.tenant_id = t.id order by u.id\")\" = '$rows_before' ]"
check "Flyway's history comes back (no migration runs again)" bash -c \
  "[ \"\$(psql -X -qtA -h '$work/pgsock' -p $port -U pgadmin -d tandem -c 'select version, checksum from flyway_schema_history order by installed_rank')\" = '$history_before' ]"
check "DATA_DIR comes back file for file" diff -r "$work/data.before" "$root/var/lib/tandem"
check "the recordings come back byte for byte" diff -r "$work/rec.before" "$root/var/spool/asterisk/monitor"
check "the restored database is owned by the server's user" bash -c \
  "[ \"\$(psql -X -qtA -h '$work/pgsock' -p $port -U pgadmin -d tandem -c \"select distinct tableowner from pg_tables where schemaname = 'public'\")\" = tandem ]"
check "the admin command works on the restored database (a second tenant)" bash -c \
  "echo 'another-password-1' | TANDEM_ENV='$env_file' '$root/opt/tandem/bin/tandem' admin create-tenant --domain beta --name Beta --admin bob >/dev/null"

if [ "$fails" -gt 0 ]; then echo "$fails check(s) failed (KEEP=1 keeps $work)" >&2; exit 1; fi
echo "all checks passed"
