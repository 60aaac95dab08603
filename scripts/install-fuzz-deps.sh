#!/usr/bin/env bash
# Installs what the libFuzzer targets (fuzz/, scripts/fuzz.sh) need on top of install-deps.sh:
# clang 14 and compiler-rt, whose libclang_rt.fuzzer-x86_64.a provides -fsanitize=fuzzer.
# Only missing packages are installed; safe to run again.
set -euo pipefail
"$(dirname "$0")/install-deps.sh"
packages=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "goemu: installing missing Debian packages for fuzzing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
