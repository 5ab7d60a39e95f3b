# shellcheck shell=bash
# `tandem backup` and `tandem restore` (sourced by bin/tandem, which has read the env file). One archive, a gzipped
# tar, holds everything a server needs besides its configuration:
#   MANIFEST        format version, date, the server's version, where each part came from
#   database.dump   pg_dump --format=custom of DATABASE_URL's database (schema, data, Flyway's history)
#   data/           DATA_DIR: the agent state journal, dead letters, certificates (tls/), generated dev secrets
#   recordings/     RECORDINGS_DIR: the call recordings (left out when it lies inside DATA_DIR: it is in data/)
# The embedded development database (DATA_DIR/postgres) is never copied: the dump is the database.
# The env file (/etc/tandem/tandem.env, secrets included) is not in the archive: keep a copy of it apart, as it
# decides the agents' SIP passwords and signs the sessions (docs/install.md, "Backup").

BACKUP_FORMAT=1

urldecode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }

# Exports PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD from DATABASE_URL (jdbc:postgresql://host:port/db or
# postgres://user:pass@host:port/db) and DATABASE_USER / DATABASE_PASSWORD, as the server reads them.
pg_env() {
  local url="${DATABASE_URL:-}" rest userinfo hostport
  [ -n "$url" ] || die "DATABASE_URL is not set in $ENV_FILE (backup and restore need the production database)"
  rest="${url#jdbc:}"
  case "$rest" in
    postgresql://*) rest="${rest#postgresql://}" ;;
    postgres://*) rest="${rest#postgres://}" ;;
    *) die "DATABASE_URL must start with jdbc:postgresql://, postgresql:// or postgres://" ;;
  esac
  rest="${rest%%\?*}"
  userinfo=""
  if [[ "$rest" == *@* ]]; then userinfo="${rest%%@*}"; rest="${rest#*@}"; fi
  hostport="${rest%%/*}"
  PGDATABASE="$(urldecode "${rest#*/}")"
  { [ "$PGDATABASE" != "$rest" ] && [ -n "$PGDATABASE" ]; } || die "DATABASE_URL names no database"
  PGHOST="${hostport%%:*}"
  PGPORT=5432
  [[ "$hostport" == *:* ]] && PGPORT="${hostport##*:}"
  PGUSER="${DATABASE_USER:-}"
  PGPASSWORD="${DATABASE_PASSWORD:-}"
  if [ -n "$userinfo" ]; then
    [ -n "$PGUSER" ] || PGUSER="$(urldecode "${userinfo%%:*}")"
    [[ "$userinfo" == *:* ]] && [ -z "$PGPASSWORD" ] && PGPASSWORD="$(urldecode "${userinfo#*:}")"
  fi
  export PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
}

data_dir() { readlink -m "${DATA_DIR:-data}"; }
recordings_dir() { readlink -m "${RECORDINGS_DIR:-/var/spool/asterisk/monitor}"; }
# true when the recordings are below DATA_DIR (the development default), so data/ carries them already
recordings_inside_data() { case "$(recordings_dir)/" in "$(data_dir)"/*) return 0 ;; esac; return 1; }

backup() {
  local out="${1:-tandem-backup-$(date -u +%Y%m%dT%H%M%SZ).tar.gz}" tmp data rec
  [ $# -le 1 ] || die "usage: tandem backup [FILE]"
  pg_env
  data="$(data_dir)"; rec="$(recordings_dir)"
  [ -d "$data" ] || die "DATA_DIR $data does not exist"
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: tmp is local
  trap "rm -rf '$tmp'" EXIT
  pg_dump --format=custom --no-password --file="$tmp/database.dump" \
    || die "pg_dump of $PGDATABASE on $PGHOST:$PGPORT failed"
  ln -s "$data" "$tmp/data"
  local parts=(MANIFEST database.dump data/.)
  if ! recordings_inside_data; then
    if [ -d "$rec" ]; then ln -s "$rec" "$tmp/recordings"; parts+=(recordings/.); else mkdir "$tmp/recordings"; parts+=(recordings); fi
  fi
  {
    echo "format=$BACKUP_FORMAT"
    echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "version=$(cat "$INSTALL_DIR/VERSION" 2>/dev/null || echo unknown)"
    echo "database=$PGDATABASE"
    echo "data_dir=$data"
    echo "recordings_dir=$rec"
    recordings_inside_data && echo "recordings_in_data=yes"
  } >"$tmp/MANIFEST"
  # paths through the links ("data/.") make tar read the directories themselves, not the links; the embedded
  # development database is not a backup of anything (the dump is)
  (umask 077; tar -czf "$out" -C "$tmp" --exclude='data/./postgres' "${parts[@]}") || die "writing $out failed"
  rm -rf "$tmp"; trap - EXIT
  echo "tandem: backup written to $out ($(du -h "$out" | cut -f1)): database $PGDATABASE, $data, $rec"
}

# true when the database has no table of ours yet (a fresh CREATE DATABASE, or install.sh's before the first start)
database_is_empty() {
  local n
  n="$(psql --no-password -X -qtA -c \
    "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
       and c.relkind in ('r', 'p', 'v', 'm', 'S')")" || die "cannot reach the database $PGDATABASE on $PGHOST:$PGPORT"
  [ "$n" = 0 ]
}

# files (not directories) below $1, ignoring the embedded dev database
has_files() { [ -d "$1" ] && [ -n "$(find "$1" -path "$1/postgres" -prune -o -type f -print -quit)" ]; }

restore() {
  local in="${1:-}" tmp data rec
  { [ $# -eq 1 ] && [ -f "$in" ]; } || die "usage: tandem restore FILE (an archive written by tandem backup)"
  in="$(readlink -f "$in")"
  pg_env
  data="$(data_dir)"; rec="$(recordings_dir)"
  database_is_empty || die "the database $PGDATABASE is not empty: restore goes into an empty database only
  (stop the server, then as postgres: dropdb $PGDATABASE && createdb -O $PGUSER $PGDATABASE; docs/install.md)"
  has_files "$data" && die "DATA_DIR $data holds files (a journal of another state): move them away first"
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  tar -xzf "$in" -C "$tmp" MANIFEST database.dump || die "$in is not a tandem backup"
  grep -qx "format=$BACKUP_FORMAT" "$tmp/MANIFEST" || die "$in has an unknown backup format"
  pg_restore --no-password --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$PGDATABASE" "$tmp/database.dump" || die "pg_restore into $PGDATABASE failed (nothing was restored)"
  mkdir -p "$data"
  tar -xzf "$in" -C "$data" --strip-components=2 --no-same-owner --wildcards 'data/./*' \
    || die "restoring $data failed"
  if ! grep -qx 'recordings_in_data=yes' "$tmp/MANIFEST"; then
    mkdir -p "$rec"
    tar -xzf "$in" -C "$rec" --strip-components=2 --no-same-owner --wildcards 'recordings/./*' 2>/dev/null || true
  fi
  # the files belong to whoever owns the directories (tandem, asterisk), not to the restoring root
  if [ "$(id -u)" = 0 ]; then
    chown -R --reference="$data" "$data"
    [ -d "$rec" ] && chown -R --reference="$rec" "$rec"
  fi
  rm -rf "$tmp"; trap - EXIT
  echo "tandem: restored $in into database $PGDATABASE, $data and $rec; start the server (migrations run at start)"
}
