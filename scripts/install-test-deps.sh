#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine: system packages (the real
# peers the tests start: Chromium, gnome-keyring in a D-Bus session, OpenSSL's CMP server/client,
# nginx and stunnel for HTTPS) and the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(chromium gnome-keyring dbus dbus-x11 libsecret-tools openssl nginx stunnel4 ca-certificates)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
# The Electron binary cannot be downloaded on build machines; tests never need it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
