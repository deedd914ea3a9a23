#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL, then creates an empty database "flames" owned by role
# "flames" (password "flames") for the PostgreSQL integration run. Idempotent; run as root or with sudo.
set -euo pipefail
SUDO=""; AS_PG="sudo -u postgres"
if [ "$(id -u)" = 0 ]; then AS_PG="runuser -u postgres --"; else SUDO="sudo"; fi
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
read -r VER CLUSTER _ < <(pg_lsclusters -h | head -1) || true
if [ -z "${VER:-}" ]; then
  VER=$(ls /usr/lib/postgresql | sort -V | tail -1); CLUSTER=main
  $SUDO pg_createcluster "$VER" "$CLUSTER"
fi
$SUDO pg_ctlcluster "$VER" "$CLUSTER" start 2>/dev/null || true
for i in $(seq 1 30); do
  $AS_PG psql -qAtc "select 1" >/dev/null 2>&1 && break || sleep 1
done
PSQL() { (cd / && $AS_PG psql -v ON_ERROR_STOP=1 -qAt "$@"); }
PSQL -c "DROP DATABASE IF EXISTS flames"
PSQL -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'flames') THEN CREATE ROLE flames LOGIN PASSWORD 'flames'; END IF; END \$\$"
PSQL -c "CREATE DATABASE flames OWNER flames"
# the Arquillian tests' own server (pom.xml, failsafe execution "arquillian") has a database of its own
PSQL -c "DROP DATABASE IF EXISTS flames_arquillian"
PSQL -c "CREATE DATABASE flames_arquillian OWNER flames"
echo "PostgreSQL $VER/$CLUSTER ready: jdbc:postgresql://127.0.0.1:5432/flames (flames/flames)"
