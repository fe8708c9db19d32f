#!/bin/sh
# Install Debian's headless Chromium for the browser tests (tests/test_web.py).
# Playwright (python, pinned in requirements.lock) drives /usr/bin/chromium
# directly; never run `playwright install` (no browser downloads).
set -eu
if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "installed: $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
