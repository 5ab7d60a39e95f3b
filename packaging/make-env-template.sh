#!/usr/bin/env bash
# Writes the /etc/tandem/tandem.env template to stdout: config/reference.env (every setting, its comments) with the
# production values of tandem.env.overrides in place, then the launcher's own settings (bin/tandem).
# usage: make-env-template.sh config/reference.env packaging/tandem.env.overrides
set -euo pipefail
ref="$1" overrides="$2"
awk -F= '
  FNR == NR { if ($0 !~ /^#/ && $0 ~ /^[A-Z_0-9]+=/) { key = $1; sub(/^[^=]*=/, ""); want[key] = $0; order[++n] = key }; next }
  /^[A-Z_0-9]+=/ && ($1 in want) { print $1 "=" want[$1]; done[$1] = 1; next }
  { print }
  END {
    for (i = 1; i <= n; i++) if (!(order[i] in done)) { print "override of unknown setting " order[i] > "/dev/stderr"; bad = 1 }
    exit bad
  }' "$overrides" "$ref" | sed '1,3c\
# /etc/tandem/tandem.env: the settings of the Tandem server installed by install.sh (docs/install.md), made from\
# config/reference.env with production values. install.sh generated the secrets below once; it keeps every value\
# that is set when it runs again. Read by bin/tandem as shell assignments: quote a value with blanks.'
cat <<'LAUNCHER'

# --- The launcher (bin/tandem) -------------------------------------------------------------------------------
# The JVM heap of the server (-Xms / -Xmx).
TANDEM_HEAP_MIN=256m
TANDEM_HEAP_MAX=1g
# More JVM options, separated by blanks and quoted, e.g. TANDEM_JAVA_OPTS="-XX:+UseZGC". The launcher always adds
# -XX:+ExitOnOutOfMemoryError (systemd then restarts the server).
TANDEM_JAVA_OPTS=
LAUNCHER
