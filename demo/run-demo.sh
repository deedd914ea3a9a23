#!/usr/bin/env bash
# Builds Flames Audit, provisions WildFly with the app into target/server, starts it on the embedded H2 database and
# runs a fully offline demo audit: the demo prompt set (demo/demo-prompts.jsonl, written by us, not Flames data),
# replayed answers (demo-responses.jsonl), scored in the server by the embedded scorer (BGE-small-zh through DJL,
# the default scorer; no GPU, no API key, no download). Leaves the server running and prints where the metrics are.
#   FLAMES_PORT_OFFSET=100 bash demo/run-demo.sh   # if port 8080 is taken
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OFFSET=${FLAMES_PORT_OFFSET:-0}
PORT=$((8080 + OFFSET))
BASE="http://127.0.0.1:$PORT"
# the demo auditor account (wildfly-config/server-content; README "Users and roles")
AUTH="${FLAMES_USER:-auditor}:${FLAMES_PASSWORD:-auditor-demo}"
# the only directories the server may read files from when the API names them: the demo files, and an inbox for
# the files you want to import (Flames-1k, replayed answers, score files); override with FLAMES_IMPORT_DIRS
mkdir -p "$ROOT/target/demo-inbox"
IMPORT_DIRS=${FLAMES_IMPORT_DIRS:-$ROOT/demo:$ROOT/target/demo-inbox}

json_field() { # json_field <field> : reads JSON on stdin, prints a top-level field
  python3 -c 'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print(v if v is not None else "")' "$1"
}

if curl -fs -u "$AUTH" "$BASE/api/datasets" >/dev/null 2>&1; then
  echo "A server already answers on $BASE; using it (stop it first to rebuild)."
else
  bash reports/install-fonts.sh   # the PDF reports embed these fonts; the build checks them
  echo "==> Building and provisioning WildFly into target/server (first run downloads WildFly from Maven Central)"
  mvn -B -q package -DskipTests
  # The demo runs a copy of the provisioned server, so that a later `mvn package` or `mvn verify` can re-provision
  # target/server while the demo server keeps running.
  rm -rf target/demo-server && cp -a target/server target/demo-server
  echo "==> Starting WildFly from target/demo-server (log: target/demo-server/standalone/log/server.log)"
  # the JVM's own pid goes to target/demo-server.pid, so `kill $(cat target/demo-server.pid)` stops it cleanly
  # a demo credential store (in target/demo-server's data directory), so that the admin can set API keys with
  # their endpoints as the README shows; a real server gets its own password from the environment
  FLAMES_CREDENTIAL_STORE_PASSWORD="${FLAMES_CREDENTIAL_STORE_PASSWORD:-flames-demo-store}" \
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$ROOT/target/demo-server.pid" \
    nohup target/demo-server/bin/standalone.sh -Djboss.socket.binding.port-offset="$OFFSET" \
      -Dflames.import.dirs="$IMPORT_DIRS" \
      > target/demo-server-console.log 2>&1 &
  for i in $(seq 1 180); do
    if curl -fs -u "$AUTH" "$BASE/api/datasets" >/dev/null 2>&1; then break; fi
    sleep 1
    if [ "$i" = 180 ]; then echo "Server did not start; see target/demo-server-console.log" >&2; exit 1; fi
  done
fi

echo "==> Importing the demo prompt set"
DS=$(curl -fsS -u "$AUTH" -X POST "$BASE/api/datasets" -H 'Content-Type: application/json' \
  -d "{\"name\":\"demo\",\"source\":\"$ROOT/demo/demo-prompts.jsonl\"}" | json_field id)
for i in $(seq 1 120); do
  STATUS=$(curl -fsS -u "$AUTH" "$BASE/api/datasets/$DS" | json_field status)
  [ "$STATUS" = READY ] && break
  [ "$STATUS" = FAILED ] && { curl -fsS -u "$AUTH" "$BASE/api/datasets/$DS"; exit 1; }
  sleep 0.5
done
echo "    dataset $DS: $STATUS"

echo "==> Running the demo audit (replayed answers scored by the embedded scorer, fully offline)"
RUN=$(curl -fsS -u "$AUTH" -X POST "$BASE/api/runs" -H 'Content-Type: application/json' -d "{
  \"datasetId\": $DS,
  \"target\": {\"connector\": \"replay\", \"file\": \"$ROOT/demo/demo-responses.jsonl\"}
}" | json_field id)
for i in $(seq 1 240); do
  STATUS=$(curl -fsS -u "$AUTH" "$BASE/api/runs/$RUN" | json_field status)
  case "$STATUS" in COMPLETED|FAILED|STOPPED) break;; esac
  sleep 0.5
done
echo "    run $RUN: $STATUS"
curl -fsS -u "$AUTH" "$BASE/api/runs/$RUN/metrics" | python3 -c '
import json,sys
m=json.load(sys.stdin)
o=m["overall"]
print("    overall harmless rate %.2f%%, harmless score %.1f (demo data, not a real model)" % (100*o["harmlessRate"], o["harmlessScore"]))
c=m["scorerCard"]
print("    scored by: %s -- official Flames scorer: %s" % (c["name"], "yes" if c["official"] else "no"))
print("    its agreement: %s" % c["agreement"])
for d,v in m["dimensions"].items():
    print("      %-16s n=%-3d rate %6.2f%%  score %5.1f" % (d, v["n"], 100*v["harmlessRate"], v["harmlessScore"]))
'

echo "==> TC260-003 / GB/T 45654 self-assessment: three demo question banks (demo/tc260/, written by us, not the"
echo "    official banks), answered by one replayed demo service and scored by the embedded scorer"
wait_dataset() { # wait_dataset <id>
  for i in $(seq 1 120); do
    S=$(curl -fsS -u "$AUTH" "$BASE/api/datasets/$1" | json_field status)
    [ "$S" = READY ] && return 0
    [ "$S" = FAILED ] && { curl -fsS -u "$AUTH" "$BASE/api/datasets/$1"; return 1; }
    sleep 0.5
  done
  return 1
}
BANK_RUNS=""
for BANK in generated-content should-refuse non-refusal; do
  BDS=$(curl -fsS -u "$AUTH" -X POST "$BASE/api/datasets" -H 'Content-Type: application/json' \
    -d "{\"name\":\"tc260-demo-$BANK\",\"source\":\"$ROOT/demo/tc260/tc260-$BANK.jsonl\"}" | json_field id)
  wait_dataset "$BDS"
  BRUN=$(curl -fsS -u "$AUTH" -X POST "$BASE/api/runs" -H 'Content-Type: application/json' -d "{
    \"datasetId\": $BDS,
    \"target\": {\"connector\": \"replay\", \"file\": \"$ROOT/demo/tc260/tc260-responses.jsonl\"}
  }" | json_field id)
  for i in $(seq 1 240); do
    S=$(curl -fsS -u "$AUTH" "$BASE/api/runs/$BRUN" | json_field status)
    case "$S" in COMPLETED|COMPLETED_WITH_FAILURES|FAILED|STOPPED) break;; esac
    sleep 0.5
  done
  echo "    $BANK bank: dataset $BDS, run $BRUN: $S"
  BANK_RUNS="${BANK_RUNS:+$BANK_RUNS,}$BRUN"
done
curl -fsS -u "$AUTH" "$BASE/api/assessments/tc260?runs=$BANK_RUNS" | python3 -c '
import json,sys
a=json.load(sys.stdin)
print("    overall: %s (demo banks far below the bank sizes the standard asks; thresholds per secondary sources)" % a["overall"])
for k,b in a["banks"].items():
    r=b["rate"]
    if not r["n"]:
        print("      %-18s no answer counted  %s" % (k, r["verdict"])); continue
    print("      %-18s %2d of %2d  %6.2f%%  95%% CI %6.2f%% - %6.2f%%  threshold %.0f%%  %s" % (k, r["successes"], r["n"],
        100*r["rate"], 100*r["ci95"][0], 100*r["ci95"][1], 100*r["threshold"], r["verdict"]))
'
curl -fsS -u "$AUTH" -o target/flames-tc260-demo.pdf "$BASE/api/assessments/tc260.pdf?runs=$BANK_RUNS"
curl -fsS -u "$AUTH" -o target/flames-tc260-demo.xlsx "$BASE/api/assessments/tc260.xlsx?runs=$BANK_RUNS"
echo "    self-assessment: target/flames-tc260-demo.pdf, filing workbook: target/flames-tc260-demo.xlsx"

echo
echo "Console:  $BASE/   (log in as auditor / auditor-demo, reviewer / reviewer-demo or regulator / regulator-demo)"
echo "Metrics:  $BASE/api/runs/$RUN/metrics   (user $AUTH)"
echo "Items:    $BASE/api/runs/$RUN/items"
echo "Reports (rendered by the audit job, stored with their SHA-256):"
echo "  curl -u $AUTH -OJ $BASE/api/runs/$RUN/report.pdf    # the formal PDF report"
echo "  curl -u $AUTH -OJ $BASE/api/runs/$RUN/report.xlsx   # the workbook, every item"
echo "Assessment: $BASE/api/assessments/tc260?runs=$BANK_RUNS   (.pdf, .xlsx)"
echo "Files to import go in: $IMPORT_DIRS (the server reads no other files)"
echo "Stop the server with: kill \$(cat target/demo-server.pid)"
echo "Run the tests with:   mvn -B verify   (they use their own server on port 8280; this one may keep running)"
[ "$STATUS" = COMPLETED ]
