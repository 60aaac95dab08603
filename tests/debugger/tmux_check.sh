#!/usr/bin/env bash
# Drives `goemu step` in a real terminal (tmux): the prompt, line editing (a typo fixed with
# backspace), history (Up repeats a command), a blank line repeating `stepi`, and quit.
# Usage: tmux_check.sh GOEMU_BINARY SOURCE_DIR. Skips (exit 77) when tmux is missing.
set -euo pipefail
goemu=$1
src=$2
command -v tmux >/dev/null || { echo "tmux not installed: skipped"; exit 77; }
session="goemu-step-check-$$"
socket="goemu-step-$$"
t() { tmux -L "$socket" "$@"; }
cleanup() { t kill-server 2>/dev/null || true; }
trap cleanup EXIT

screen() { t capture-pane -p -t "$session"; }
# Waits until the screen shows a line matching $1.
wait_for() {
  for _ in $(seq 1 100); do
    if screen | grep -qE -- "$1"; then return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for: $1" >&2
  screen >&2
  exit 1
}

# A UTF-8 locale, as a terminal user has: Go's middle dot is typed below.
t new-session -d -s "$session" -x 160 -y 50 "cd '$src' && LC_ALL=C.UTF-8 '$goemu' step programs/defer.s; sleep 30"
wait_for '^\(goemu\) ?$'
wait_for '^\[step 0\] 0x[0-9a-f]+ _rt0_amd64_linux: JMP'

# A typo, erased with backspaces before Enter: line editing works.
t send-keys -t "$session" 'break runtime·jmpdeferXX' BSpace BSpace Enter
wait_for '^Breakpoint 1 at 0x[0-9a-f]+ runtime.jmpdefer \(runtime_model/asm/asm_amd64.s:[0-9]+\)'
t send-keys -t "$session" 'continue' Enter
wait_for '^Breakpoint 1, 0x[0-9a-f]+ runtime.jmpdefer '
# The guest's println output reached the terminal as it happened.
wait_for '^threeDefers returns$'
t send-keys -t "$session" 'bt' Enter
wait_for '^#2  0x[0-9a-f]+ main.threeDefers\+250 \(programs/defer.s:111\)'
t send-keys -t "$session" 'stepi' Enter
wait_for '^\[step [0-9]+\] 0x[0-9a-f]+ runtime.jmpdefer\+5: MOVQ'
# A blank line repeats stepi.
t send-keys -t "$session" Enter
wait_for '^\[step [0-9]+\] 0x[0-9a-f]+ runtime.jmpdefer\+10: LEAQ'
# Up brings back `stepi` from history.
t send-keys -t "$session" Up Enter
wait_for '^\[step [0-9]+\] 0x[0-9a-f]+ runtime.jmpdefer\+14: MOVQ'
t send-keys -t "$session" 'nonsense' Enter
wait_for '^error: unknown command "nonsense" \(try help\)$'
t send-keys -t "$session" 'quit' Enter
sleep 0.3
screen
echo "tmux check passed"
