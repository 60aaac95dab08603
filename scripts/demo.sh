#!/usr/bin/env bash
# The main demo that `make run` shows: seed 001's defer program, assembled like
# Go assembles it, run on the modeled go1.13 runtime, its frame events, and a
# diagram of every stack right after jmpdefer rewrites a return address.
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

section "the frame events around the defers (goemu run --trace): SUBQ \$5, (SP) turns each return into another CALL deferreturn"
"$goemu" run --trace programs/defer.s 2>/dev/null | grep -B2 -A1 'retaddr-rewrite' | head -24

section "the stacks right after jmpdefer's SUBQ \$5, (SP) (goemu frames --at retaddr-rewrite#1)"
"$goemu" frames programs/defer.s --at 'retaddr-rewrite#1'

section "more: programs/*.s (bootstrap, goroutine, stackgrow, mcall, systemstack ...), goemu step, docs/guide.md"
