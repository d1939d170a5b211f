#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so tests use the
# real OS keychain (Secret Service) without touching the user's own. The keyring lives in a
# throw-away XDG data folder.
set -euo pipefail
if [ "${CMP_DESK_IN_KEYRING_SESSION:-}" = "1" ]; then exec "$@"; fi
keyring_home=$(mktemp -d -t cmp-desk-keyring-XXXXXX)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" CMP_DESK_IN_KEYRING_SESSION=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- bash -c 'eval "$(printf "test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"; export GNOME_KEYRING_CONTROL; "$@"' keyring-session "$@"
