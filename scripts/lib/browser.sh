#!/usr/bin/env bash
# Makes sure Debian's Chromium, its chromedriver and a font with Chinese characters are installed (for the
# browser tests and their screenshots); installs them with apt-get when they are not.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
  exit 0
fi
packages=(chromium chromium-driver fonts-wqy-microhei)
if [ "$(id -u)" -ne 0 ] && ! command -v sudo > /dev/null; then
  echo "The browser tests need ${packages[*]}; install them (apt-get install ${packages[*]}) and run again." >&2
  exit 1
fi
run_as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing ${packages[*]} from Debian's packages for the browser tests..."
export DEBIAN_FRONTEND=noninteractive
run_as_root apt-get update -q > /dev/null || echo "apt-get update failed; trying with the package lists there are" >&2
run_as_root apt-get install -y -q --no-install-recommends "${packages[@]}" > /dev/null
