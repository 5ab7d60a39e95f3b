#!/usr/bin/env bash
# Installs or upgrades Tandem from this release directory on Debian 12 / Ubuntu 24.04 (docs/install.md).
# Run as root from the unpacked tarball: ./install.sh [OPTIONS]. Running it again upgrades: the files of the new
# release replace the old ones, the env file, its secrets, the database and DATA_DIR are kept (the server applies
# new migrations at start).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: install.sh [OPTIONS]
  --domain NAME          the public host name agents open (printed URL, TLS_HOSTNAMES)
  --tls-cert FILE --tls-key FILE
                         serve HTTPS on 443 itself (TLS_MODE=files, HTTP_REDIRECT_PORT=80); default: plain HTTP on
                         127.0.0.1:8080 behind a TLS reverse proxy on this host (TLS_MODE=off, TRUSTED_PROXIES)
  --tenant-domain D      the first tenant, created when there is none (default: main)
  --tenant-name NAME     its name (default: Main)
  --admin USER           its first admin (default: admin); the generated password is printed once and kept in
                         /etc/tandem/first-admin-password (0600)
  --skip-asterisk        do not touch the Asterisk configuration (also when Asterisk is not version 22)
  --no-systemd           do not install, enable or start the systemd unit
  --root DIR             install everything below DIR, paths in the env file included (a throw-away installation
                         for tests: no packages, users, ownership or systemd; implies --no-systemd)
  --pg-host H --pg-port P --pg-superuser U
                         how to reach PostgreSQL as its superuser (default: the local socket as the OS user postgres,
                         port 5432); the server connects to 127.0.0.1:P with its own user and password
  -h, --help
EOF
}

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="" SYSTEMD=1 ASTERISK=1 DOMAIN="" TLS_CERT="" TLS_KEY=""
TENANT_DOMAIN=main TENANT_NAME=Main ADMIN_USER=admin
PG_HOST="" PG_PORT=5432 PG_SUPERUSER=postgres

while [ $# -gt 0 ]; do
  case "$1" in
    --domain) DOMAIN="$2"; shift ;;
    --tls-cert) TLS_CERT="$2"; shift ;;
    --tls-key) TLS_KEY="$2"; shift ;;
    --tenant-domain) TENANT_DOMAIN="$2"; shift ;;
    --tenant-name) TENANT_NAME="$2"; shift ;;
    --admin) ADMIN_USER="$2"; shift ;;
    --skip-asterisk) ASTERISK=0 ;;
    --no-systemd) SYSTEMD=0 ;;
    --root) ROOT="$(readlink -m "$2")"; SYSTEMD=0; shift ;;
    --pg-host) PG_HOST="$2"; shift ;;
    --pg-port) PG_PORT="$2"; shift ;;
    --pg-superuser) PG_SUPERUSER="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if { [ -n "$TLS_CERT" ] && [ -z "$TLS_KEY" ]; } || { [ -z "$TLS_CERT" ] && [ -n "$TLS_KEY" ]; }; then
  echo "install.sh: --tls-cert and --tls-key go together" >&2; exit 2
fi

INSTALL_DIR="$ROOT/opt/tandem"
ETC_DIR="$ROOT/etc/tandem"
ENV_FILE="$ETC_DIR/tandem.env"
UNIT_DIR="$ROOT/etc/systemd/system"
AST_DIR="$ROOT/etc/asterisk"
BIN_LINK="$ROOT/usr/local/bin/tandem"

say() { echo "==> $*"; }
warn() { echo "install.sh: WARNING: $*" >&2; }
die() { echo "install.sh: $*" >&2; exit 1; }
real() { [ -z "$ROOT" ]; }  # installing onto this machine (not a --root tree)
secret_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
# base64url without padding: safe in the env file, in SQL and in sed replacements
secret_b64() { head -c "$1" /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='; }

[ -f "$HERE/tandemcc-server.jar" ] || die "run install.sh from the unpacked release (no tandemcc-server.jar next to it)"
if real && [ "$(id -u)" != 0 ]; then die "run as root (or try it with --root DIR)"; fi

# --- packages ------------------------------------------------------------------------------------------------------
apt_install() {
  real || die "missing: $* (not installed under --root; install them first)"
  say "installing $* from the distribution"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}
java_major() { java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  real && apt-get update -q >/dev/null
  apt_install openjdk-17-jre-headless
fi
if [ -z "$PG_HOST" ] && ! command -v pg_ctlcluster >/dev/null; then
  real && apt-get update -q >/dev/null
  apt_install postgresql
fi
{ command -v psql >/dev/null && command -v pg_dump >/dev/null; } || apt_install postgresql-client

# --- user and directories ------------------------------------------------------------------------------------------
if real && ! id tandem >/dev/null 2>&1; then
  say "creating the system user tandem"
  useradd --system --home-dir /var/lib/tandem --no-create-home --shell /usr/sbin/nologin tandem
fi
owned() { # owned USER:GROUP MODE DIR...: a directory, owned as given on this machine
  local who="$1" mode="$2"; shift 2
  install -d -m "$mode" "$@"
  if real; then chown "$who" "$@"; fi
}
owned root:root 0755 "$INSTALL_DIR" "$INSTALL_DIR/bin" "$(dirname "$BIN_LINK")"
owned root:tandem 0750 "$ETC_DIR"

# --- the release files ---------------------------------------------------------------------------------------------
OLD_VERSION="$(cat "$INSTALL_DIR/VERSION" 2>/dev/null || true)"
NEW_VERSION="$(cat "$HERE/VERSION")"
say "installing Tandem $NEW_VERSION into $INSTALL_DIR${OLD_VERSION:+ (was $OLD_VERSION)}"
install -m 0644 "$HERE/tandemcc-server.jar" "$INSTALL_DIR/tandemcc-server.jar.new"
mv -f "$INSTALL_DIR/tandemcc-server.jar.new" "$INSTALL_DIR/tandemcc-server.jar"
install -m 0755 "$HERE/bin/tandem" "$INSTALL_DIR/bin/tandem"
install -m 0644 "$HERE/bin/tandem-backup.sh" "$INSTALL_DIR/bin/tandem-backup.sh"
install -m 0644 "$HERE/VERSION" "$HERE/tandem.env.template" "$INSTALL_DIR/"
rm -rf "$INSTALL_DIR/asterisk-conf" "$INSTALL_DIR/docs" "$INSTALL_DIR/systemd"
cp -r "$HERE/asterisk-conf" "$HERE/docs" "$HERE/systemd" "$INSTALL_DIR/"
install -m 0755 "$HERE/install.sh" "$INSTALL_DIR/install.sh"
ln -sfn "$INSTALL_DIR/bin/tandem" "$BIN_LINK"

# --- the env file: written once, then only completed -------------------------------------------------------------
env_get() { sed -n "s/^$1=//p" "$ENV_FILE" | tail -n1 | sed 's/^"\(.*\)"$/\1/'; }
env_set() { # env_set KEY VALUE: replaces the line KEY=..., or appends it
  local tmp; tmp="$(mktemp "$ENV_FILE.XXXXXX")"
  awk -v k="$1" -v v="$2" 'BEGIN { FS = "=" } $1 == k && !done { print k "=" v; done = 1; next } { print }
    END { if (!done) print k "=" v }' "$ENV_FILE" >"$tmp"
  chmod 0640 "$tmp"; if real; then chown root:tandem "$tmp"; fi
  mv -f "$tmp" "$ENV_FILE"
}
env_default() { [ -n "$(env_get "$1")" ] || env_set "$1" "$2"; }  # sets KEY only when empty or missing

if [ ! -f "$ENV_FILE" ]; then
  say "writing $ENV_FILE"
  install -m 0640 "$HERE/tandem.env.template" "$ENV_FILE"
  if real; then chown root:tandem "$ENV_FILE"; fi
  env_set DATABASE_URL "jdbc:postgresql://127.0.0.1:$PG_PORT/tandem"
  if [ -n "$ROOT" ]; then
    env_set DATA_DIR "$ROOT/var/lib/tandem"
    env_set PBX_CONFIG_DIR "$ROOT/etc/asterisk/tandem"
    env_set RECORDINGS_DIR "$ROOT/var/spool/asterisk/monitor"
  fi
else
  say "keeping $ENV_FILE; adding the settings this release brings"
  # a setting new in this release is appended with the template's value, so old files learn it
  while IFS= read -r line; do
    key="${line%%=*}"
    grep -q "^$key=" "$ENV_FILE" || { echo "# added by install.sh ($NEW_VERSION); see $INSTALL_DIR/tandem.env.template"; echo "$line"; } >>"$ENV_FILE"
  done < <(grep -E '^[A-Z_0-9]+=' "$HERE/tandem.env.template")
fi
env_default JWT_SECRET "$(secret_b64 48)"
env_default SIP_UPSTREAM_SECRET "$(secret_b64 48)"
env_default DATABASE_PASSWORD "$(secret_hex 24)"
env_default AMI_SECRET "$(secret_hex 24)"
if [ -n "$TLS_CERT" ]; then
  env_set TLS_MODE files; env_set TLS_CERT_FILE "$TLS_CERT"; env_set TLS_KEY_FILE "$TLS_KEY"
  env_set HTTP_HOST 0.0.0.0; env_set HTTP_PORT 443; env_set HTTP_REDIRECT_PORT 80; env_set TRUSTED_PROXIES ""
fi
[ -n "$DOMAIN" ] && env_set TLS_HOSTNAMES "$DOMAIN"

DATA_DIR="$(env_get DATA_DIR)"
RECORDINGS_DIR="$(env_get RECORDINGS_DIR)"
PBX_CONFIG_DIR="$(env_get PBX_CONFIG_DIR)"
owned tandem:tandem 0750 "$DATA_DIR"

# --- PostgreSQL: role, password and database (idempotent) --------------------------------------------------------
pg_admin() { # psql as the cluster's superuser
  if [ -n "$PG_HOST" ]; then
    psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" "$@"
  else
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@")
  fi
}
if [ -z "$PG_HOST" ] && real; then
  if ! pg_lsclusters -h 2>/dev/null | grep -q .; then die "no PostgreSQL cluster (pg_lsclusters shows none)"; fi
  pg_lsclusters -h | awk '$4 != "online" { print $1, $2 }' | while read -r v c; do pg_ctlcluster "$v" "$c" start || true; done
fi
DB_USER="$(env_get DATABASE_USER)"
DB_PASSWORD="$(env_get DATABASE_PASSWORD)"
DB_NAME="$(env_get DATABASE_URL | sed -E 's|^.*/([^/?]+)(\?.*)?$|\1|')"
say "PostgreSQL: role $DB_USER, database $DB_NAME"
pg_admin -d postgres -v u="$DB_USER" -v p="$DB_PASSWORD" <<'SQL'
select format('create role %I login', :'u') where not exists (select 1 from pg_roles where rolname = :'u') \gexec
-- the env file is the truth: the role gets its password again on every run
alter role :"u" with login password :'p';
SQL
if [ "$(pg_admin -d postgres -tA -v d="$DB_NAME" <<<"select 1 from pg_database where datname = :'d'")" != 1 ]; then
  pg_admin -d postgres -v d="$DB_NAME" -v u="$DB_USER" <<'SQL'
create database :"d" owner :"u" encoding 'UTF8' template template0;
SQL
fi

# --- Asterisk ------------------------------------------------------------------------------------------------------
install_conf() { # install_conf SRC DEST: ours replaces the file unless someone changed what we installed
  local src="$1" dest="$2" record="$ETC_DIR/asterisk-conf.sha256" name
  name="$(basename "$dest")"
  touch "$record"
  local installed; installed="$(awk -v n="$name" '$2 == n { print $1 }' "$record")"
  if [ -f "$dest" ] && [ -n "$installed" ] && [ "$(sha256sum <"$dest" | cut -d' ' -f1)" != "$installed" ]; then
    if ! cmp -s "$src" "$dest"; then
      install -m 0640 "$src" "$dest.tandem-new"
      warn "$dest was changed here: kept; this release's version is $dest.tandem-new (merge it)"
    fi
    return
  fi
  [ -f "$dest" ] && [ -z "$installed" ] && ! cmp -s "$src" "$dest" && cp -p "$dest" "$dest.tandem-orig"
  cmp -s "$src" "$dest" 2>/dev/null || { install -m 0640 "$src" "$dest"; CONF_CHANGED=1; }
  if real && getent group asterisk >/dev/null; then chown asterisk:asterisk "$dest"; fi
  { grep -v " $name\$" "$record" || true; sha256sum <"$dest" | sed "s/ .*/  $name/"; } >"$record.new"
  mv -f "$record.new" "$record"
}
CONF_CHANGED=0
ASTERISK_STATE="skipped (--skip-asterisk)"
if [ "$ASTERISK" = 1 ]; then
  version="$(asterisk -V 2>/dev/null || true)"   # "Asterisk 22.10.1"
  case "$version" in
    "Asterisk 22."*)
      say "$version found: installing our configuration into $AST_DIR"
      stage="$(mktemp -d)"
      cp "$HERE"/asterisk-conf/*.conf "$stage/"
      sed -i "s/^secret=change-me\$/secret=$(env_get AMI_SECRET)/" "$stage/manager.conf"
      grep -q "^secret=$(env_get AMI_SECRET)\$" "$stage/manager.conf" || die "could not set the AMI secret"
      install -d "$AST_DIR"
      for f in "$stage"/*.conf; do install_conf "$f" "$AST_DIR/$(basename "$f")"; done
      rm -rf "$stage"
      group=tandem; real && getent group asterisk >/dev/null && group=asterisk
      owned "tandem:$group" 2750 "$PBX_CONFIG_DIR"
      for f in pjsip_tenants.conf queues_tenants.conf extensions_tenants.conf; do
        [ -e "$PBX_CONFIG_DIR/$f" ] && continue
        install -m 0640 /dev/null "$PBX_CONFIG_DIR/$f"
        if real; then chown "tandem:$group" "$PBX_CONFIG_DIR/$f"; fi
      done
      # the server reads the recordings (group asterisk) and writes the generated files Asterisk reads
      if real && getent group asterisk >/dev/null; then usermod -aG asterisk tandem; fi
      ASTERISK_STATE="$version, configuration in $AST_DIR"
      [ "$CONF_CHANGED" = 1 ] && ASTERISK_STATE="$ASTERISK_STATE (changed: restart Asterisk when no call is up: systemctl restart asterisk)"
      ;;
    "")
      warn "Asterisk is not installed (no 'asterisk -V'). Tandem is installed without it and waits for its PBX:
  build Asterisk 22 as $INSTALL_DIR/asterisk-conf/README.md says (steps 1-3), then run this script again
  to install our Asterisk configuration with the AMI secret of $ENV_FILE."
      ASTERISK_STATE="MISSING: Asterisk 22 is not installed (see the warning above)"
      ;;
    *)
      die "found '$version', but Tandem's configuration needs Asterisk 22 (22.1 or later). Upgrade Asterisk
  ($INSTALL_DIR/asterisk-conf/README.md), or run again with --skip-asterisk to leave its configuration alone."
      ;;
  esac
fi

# --- the service ---------------------------------------------------------------------------------------------------
install -d "$UNIT_DIR" "$UNIT_DIR/tandem.service.d"
sed -e "s|@INSTALL_DIR@|/opt/tandem|g; s|@ENV_FILE@|${ENV_FILE#"$ROOT"}|g" \
    -e "s|@DATA_DIR@|${DATA_DIR#"$ROOT"}|g; s|@PBX_CONFIG_DIR@|${PBX_CONFIG_DIR#"$ROOT"}|g" \
    -e "s|@RECORDINGS_DIR@|${RECORDINGS_DIR#"$ROOT"}|g" "$HERE/systemd/tandem.service" >"$UNIT_DIR/tandem.service"
low_port() { local p; p="$(env_get "$1")"; [ -n "$p" ] && [ "$p" -gt 0 ] && [ "$p" -lt 1024 ]; }
if low_port HTTP_PORT || low_port HTTP_REDIRECT_PORT; then
  printf '%s\n' "# written by install.sh: HTTP_PORT or HTTP_REDIRECT_PORT is below 1024" "[Service]" \
    "CapabilityBoundingSet=CAP_NET_BIND_SERVICE" "AmbientCapabilities=CAP_NET_BIND_SERVICE" \
    >"$UNIT_DIR/tandem.service.d/10-low-ports.conf"
else
  rm -f "$UNIT_DIR/tandem.service.d/10-low-ports.conf"
fi

# --- the first tenant (the admin command applies the migrations) -------------------------------------------------
as_tandem() { if real; then (cd / && runuser -u tandem -- "$@"); else "$@"; fi; }
export TANDEM_ENV="$ENV_FILE"
tenants=0
if [ "$(pg_admin -d "$DB_NAME" -tA <<<"select to_regclass('public.tenant') is not null")" = t ]; then
  tenants="$(pg_admin -d "$DB_NAME" -tA <<<"select count(*) from tenant where domain <> 'system'")"
fi
if [ "$tenants" = 0 ]; then
  say "no tenant yet: creating tenant $TENANT_DOMAIN with its admin $ADMIN_USER (applies the migrations)"
  password="$(secret_b64 12)"
  as_tandem "$INSTALL_DIR/bin/tandem" admin create-tenant --domain "$TENANT_DOMAIN" --name "$TENANT_NAME" \
    --admin "$ADMIN_USER" <<<"$password" || die "admin create-tenant failed (the database and $ENV_FILE are kept; fix and run again)"
  (umask 077; printf 'domain %s, user %s, password %s\n' "$TENANT_DOMAIN" "$ADMIN_USER" "$password" >"$ETC_DIR/first-admin-password")
  FIRST_ADMIN="domain $TENANT_DOMAIN, user $ADMIN_USER, password $password (also in $ETC_DIR/first-admin-password)"
else
  FIRST_ADMIN="kept ($tenants tenant(s) exist)"
fi

if [ "$SYSTEMD" = 1 ]; then
  systemctl daemon-reload
  systemctl enable tandem.service >/dev/null 2>&1
  say "starting the service (restarts a running one on the new release)"
  systemctl restart tandem.service
  # a refused configuration ends the JVM within seconds (exit 2, not restarted): say so here, not only in the journal
  sleep 5
  if ! systemctl is-active --quiet tandem.service; then
    journalctl -u tandem.service -n 30 --no-pager >&2 || true
    die "the service did not stay up (above: its last log lines; fix $ENV_FILE and run again)"
  fi
else
  say "systemd left alone: start it with TANDEM_ENV=$ENV_FILE $INSTALL_DIR/bin/tandem run"
fi

host="${DOMAIN:-$(hostname -f 2>/dev/null || hostname)}"
if [ "$(env_get TLS_MODE)" = files ]; then
  port="$(env_get HTTP_PORT)"; URL="https://$host$([ "$port" = 443 ] || echo ":$port")/"
else
  URL="https://$host/ through your TLS reverse proxy, which forwards to http://$(env_get HTTP_HOST):$(env_get HTTP_PORT)/ (docs/install.md)"
fi
cat <<EOF

Tandem $NEW_VERSION is installed.
  URL:          $URL
  first admin:  $FIRST_ADMIN
  settings:     $ENV_FILE
  data:         $DATA_DIR (backups: tandem backup FILE)
  Asterisk:     $ASTERISK_STATE
EOF
