#!/usr/bin/env bash
# The main demo that `make run` shows: seed 001's defer program, assembled like
# Go assembles it, run on the modeled go1.13 runtime, with the functions it
# enters along the way.
set -euo pipefail
build=${1:-build}
goemu="$build/cli/goemu"
cd "$(dirname "$0")/.."

section() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

section "main.main as goemu assembles it (go1.13, linux): the split check, the defer record, two CALL deferreturn"
"$goemu" asm -S programs/defer.s |
  awk '/^"".main STEXT/ {on = 1; print; next} on && /^\t0x[0-9a-f]+ [0-9]+ \(/ {print; next} {on = 0}'

section "goemu run programs/defer.s"
"$goemu" run programs/defer.s

section "the functions it enters, from _rt0_amd64_linux to exit (goemu run --trace-calls, first 40)"
"$goemu" run --trace-calls programs/defer.s 2>&1 >/dev/null | grep '^\[trace\]' | head -40 || true

section "more: programs/*.s (goroutine.s, stackgrow.s, mcall.s ...), docs/, README.md"
