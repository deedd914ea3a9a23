#!/usr/bin/env bash
# Installs promptfoo, pinned, from npm into target/promptfoo for the side-by-side benchmark
# (PromptfooComparisonBench, mvn -B verify -Pbench). Only the benchmark needs it; the tests do not.
# 0.120.0 is the newest promptfoo that runs on Debian's Node.js 20 (0.123 needs Node >= 22.22).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/target/promptfoo"
VERSION="${PROMPTFOO_VERSION:-0.120.0}"
if [ -x "$DEST/node_modules/.bin/promptfoo" ] && [ -e "$DEST/node_modules/promptfoo/drizzle" ] && grep -q "\"version\": \"$VERSION\"" "$DEST/node_modules/promptfoo/package.json"; then
  echo "promptfoo $VERSION already in $DEST"; exit 0
fi
command -v npm >/dev/null || { echo "npm is needed: sudo apt-get install -y npm" >&2; exit 1; }
mkdir -p "$DEST"
npm install --prefix "$DEST" --no-audit --no-fund "promptfoo@$VERSION"
# promptfoo 0.120.0 looks for its database migrations in <package>/drizzle but ships them in dist/drizzle
PKG="$DEST/node_modules/promptfoo"
if [ ! -e "$PKG/drizzle" ] && [ -d "$PKG/dist/drizzle" ]; then ln -s dist/drizzle "$PKG/drizzle"; fi
"$DEST/node_modules/.bin/promptfoo" --version
