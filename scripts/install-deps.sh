#!/usr/bin/env bash
# Installs the Debian packages goemu builds with, and only those that are missing.
# Used by `make run` and `make test`; safe to run again.
set -euo pipefail
packages=(cmake make g++ libzydis-dev libzycore-dev libfmt-dev catch2 libcli11-dev nlohmann-json3-dev libedit-dev time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "goemu: installing missing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
