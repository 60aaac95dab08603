#!/usr/bin/env bash
# Installs the Debian packages that `make bench` needs for its peers (and only
# those that are missing): qemu-user (qemu-x86_64, default and -singlestep),
# valgrind (callgrind: the peer and the instruction counter), libunicorn-dev
# (the per-instruction-hook harness) and a static libc for the C workloads.
# Not used by `make test` or `make run`; safe to run again.
set -euo pipefail
packages=(qemu-user valgrind libunicorn-dev libc6-dev gcc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "goemu bench: installing missing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
