#!/usr/bin/env bash
# developer helper: rebuild the WAR and hot-deploy it into the running server in target/server
set -e
cd "$(dirname "$0")"
mvn -q -o war:exploded compiler:compile resources:resources war:war -DskipProvision=true >/dev/null
cp target/flames-audit.war target/server/standalone/deployments/ROOT.war
