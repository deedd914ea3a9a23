#!/usr/bin/env bash
# Manage the provider API keys of a Flames Audit server in its WildFly Elytron credential store, from the command
# line, with WildFly's own bin/elytron-tool.sh (the server may be running: it reads the store again when it changes).
#
#   export FLAMES_CREDENTIAL_STORE_PASSWORD=...        # the store's password, the same the server is started with
#   wildfly-config/secrets.sh create                   # an empty store (the server also creates it on first use)
#   wildfly-config/secrets.sh set deepseek             # asks for the key (not echoed); sets or rotates it
#   wildfly-config/secrets.sh list                     # the aliases (never the keys)
#   wildfly-config/secrets.sh remove deepseek
#
# Runs name a key by alias: "target": {..., "apiKeyAlias": "deepseek"}. A key is sent only to the endpoints an admin
# registered for it, which live in the server's database: after "set", register them in the console (API keys) or
# with PUT /api/secrets/{alias}/endpoints {"endpoints": ["https://api.deepseek.com/v1"]}; until then the key is sent
# nowhere. Over HTTP an admin can also set a key together with its endpoints: PUT /api/secrets/{alias}.
# FLAMES_CREDENTIAL_STORE: the store file (default: target/server/standalone/data/flames-audit/flames-keys.cs);
# WILDFLY_HOME: the server (default: target/server).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WILDFLY_HOME="${WILDFLY_HOME:-$ROOT/target/server}"
STORE="${FLAMES_CREDENTIAL_STORE:-$WILDFLY_HOME/standalone/data/flames-audit/flames-keys.cs}"
TOOL="$WILDFLY_HOME/bin/elytron-tool.sh"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage
[ -x "$TOOL" ] || { echo "no $TOOL: build the server first (mvn -B package -DskipTests) or set WILDFLY_HOME" >&2; exit 1; }
if [ -z "${FLAMES_CREDENTIAL_STORE_PASSWORD:-}" ]; then
  echo "export FLAMES_CREDENTIAL_STORE_PASSWORD (the credential store's password) first" >&2; exit 1
fi
alias_ok() {
  [[ "${1:-}" =~ ^[a-z0-9][a-z0-9._-]{0,99}$ ]] || {
    echo "alias must be 1-100 lower-case letters, digits, '.', '_' or '-'" >&2; exit 2; }
}
cs() { "$TOOL" credential-store --location="$STORE" --password="$FLAMES_CREDENTIAL_STORE_PASSWORD" "$@"; }

case "$1" in
  create)
    mkdir -p "$(dirname "$STORE")"
    [ -f "$STORE" ] && { echo "$STORE exists"; exit 0; }
    cs --create ;;
  set)
    alias_ok "${2:-}"
    [ -f "$STORE" ] || { mkdir -p "$(dirname "$STORE")"; cs --create >/dev/null; }
    if [ -t 0 ]; then read -r -s -p "API key for $2: " KEY; echo; else read -r KEY; fi
    [ -n "$KEY" ] || { echo "empty key; nothing stored" >&2; exit 1; }
    # elytron-tool reads the secret from stdin (twice, as confirmation), so it never appears in a process list
    if cs --exists "$2" >/dev/null 2>&1; then cs --remove "$2" >/dev/null; fi
    printf '%s\n%s\n' "$KEY" "$KEY" | cs --add "$2" >/dev/null
    unset KEY
    echo "key $2 stored in $STORE" ;;
  list)
    [ -f "$STORE" ] || { echo "no credential store at $STORE"; exit 0; }
    cs --aliases ;;
  remove)
    alias_ok "${2:-}"
    cs --remove "$2" ;;
  *) usage ;;
esac
