#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/web), unless it is already there.
# playwright-core drives it at /usr/bin/chromium; `npx playwright install` cannot reach its CDN.
set -euo pipefail
if command -v chromium > /dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium > /dev/null
