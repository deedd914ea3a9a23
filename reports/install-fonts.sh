#!/usr/bin/env bash
# Installs the font packages whose TrueType files the build embeds in every PDF report (pom.xml properties
# flames.latin.font, flames.latin.bold.font, flames.cjk.font), when they are missing:
#   fonts-dejavu-core     DejaVu Sans: Latin text and figures (Bitstream Vera licence, public-domain changes)
#   fonts-droid-fallback  Droid Sans Fallback: Chinese text (Apache-2.0)
#   fonts-hanazono        HanaMinB: CJK Unified Ideographs Extension B and later, the rare characters of names and
#                         places (Hanazono Font License: free use, copy and distribution)
#   fonts-symbola         Symbola: monochrome emoji and symbols (free for any use)
# Debian/Ubuntu only; on other systems install them by hand or point the three properties at other single-face
# TrueType fonts (-Dflames.cjk.font=...).
set -euo pipefail
need=()
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] \
  || need+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || need+=(fonts-droid-fallback)
[ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ] || need+=(fonts-hanazono)
[ -f /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || need+=(fonts-symbola)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> Installing the report fonts: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${need[@]}"
fi
