#!/usr/bin/env bash
# The README's test command: installs what the tests need on a Debian/Ubuntu machine when it is missing, then runs
# every test (unit tests, Arquillian tests and integration tests on the provisioned WildFly, on H2).
# Extra arguments go to Maven, e.g. `bash bin/run-tests.sh -Dflames.db=postgresql` (after .ci/postgres.sh).
#
# Installs (with sudo when not root), each only when missing:
#   openjdk-17-jdk-headless, maven          to build and run (Java 17+, Maven 3.8+)
#   curl, python3                           the demo script and the stub providers of some tests
#   python3-torch, python3-sentencepiece    the tiny model of the official scorer's contract
#                                           (OfficialScorerParityTest, OfficialScorerIT call /usr/bin/python3)
#   chromium, chromium-driver               the web console's end-to-end tests (ConsoleIT; Selenium never
#                                           downloads a browser)
#   poppler-utils                           pdftoppm, to look at rendered report pages by hand (not needed by tests)
#   fonts-dejavu-core, fonts-droid-fallback, fonts-hanazono, fonts-symbola: the fonts the PDF reports embed (reports/install-fonts.sh)
# On a fresh machine the first run takes about 25 minutes (WildFly is downloaded from Maven Central and provisioned
# once); later runs about 12 minutes (the package check takes seconds when everything is there).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
/usr/bin/python3 -c 'import torch, sentencepiece' 2>/dev/null || need+=(python3-torch python3-sentencepiece)
{ [ -x /usr/bin/chromedriver ] && [ -x /usr/lib/chromium/chromium ]; } || need+=(chromium chromium-driver)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> Installing what the tests need: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
bash reports/install-fonts.sh

# The tests read the Flames-1k prompts from ../shared/data/flames (never copied into the project).
data_dir=../shared/data/flames
for arg in "$@"; do
  case "$arg" in -Dflames.data.dir=*) data_dir="${arg#-Dflames.data.dir=}" ;; esac
done
test -f "$data_dir/Flames_1k_Chinese.jsonl" || {
  echo "missing $data_dir/Flames_1k_Chinese.jsonl: put the Flames data there or pass -Dflames.data.dir=DIR" >&2
  exit 1; }

java -version 2>&1 | sed -n 1p
mvn -version 2>&1 | sed -n 1p
exec mvn -B verify "$@"
