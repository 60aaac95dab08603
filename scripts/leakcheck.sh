#!/usr/bin/env bash
# Runs the goemu CLI under Valgrind's memcheck on every sample program and fails on any memory
# error or leak: `goemu run` plain, with --trace, and with --trace=insns (output to /dev/null)
# on each of programs/*.s and programs/faults/*.s, and `goemu frames`, a binary trace and
# `goemu render` of it in each format on one program.
#
#   scripts/leakcheck.sh [--build-dir DIR] [--jobs N]
#
# DIR (default build) must hold a built cli/goemu; a build with debug info (RelWithDebInfo,
# the default of `make`) gives readable reports. A leak counts when it is definite or
# indirect; memory still reachable at exit (static tables) does not. Reports of failing runs
# are kept in DIR/leakcheck/.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build
jobs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    *) echo "usage: $0 [--build-dir DIR] [--jobs N]" >&2; exit 2 ;;
  esac
done
goemu="$build/cli/goemu"
[ -x "$goemu" ] || { echo "goemu leakcheck: no $goemu; build first (make build)" >&2; exit 2; }

if ! command -v valgrind >/dev/null; then
  echo "goemu leakcheck: installing valgrind"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends valgrind
fi

logs="$build/leakcheck"
rm -rf "$logs" && mkdir -p "$logs"
# Guests exit with their own statuses (0, 2 after a panic, ...); Valgrind's verdict is its own
# status, one no sample program uses.
readonly verdict=99

# One run: NAME then goemu's arguments. Prints "ok NAME" or "FAIL NAME" and keeps the report.
check() {
  local name="$1"; shift
  local log="$logs/$name.log"
  local status=0
  valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=$verdict \
    --log-file="$log" "$goemu" "$@" >/dev/null 2>&1 || status=$?
  if [ "$status" -eq $verdict ] || [ -s "$log" ]; then
    echo "FAIL $name (goemu $*): see $log"
  else
    rm -f "$log"
    echo "ok $name"
  fi
}
export -f check
export goemu logs verdict

start=$(date +%s)
runs=()
for prog in programs/*.s programs/faults/*.s; do
  name=$(basename "$(dirname "$prog")")_$(basename "$prog" .s)
  runs+=("$name:plain run $prog" "$name:trace run --trace $prog" "$name:insns run --trace=insns --format jsonl $prog")
done
runs+=("frames_defer:frames programs/defer.s --at retaddr-rewrite#1")
# The binary trace render reads is recorded first, outside Valgrind.
"$goemu" run --trace=calls --format binary --trace-out "$logs/defer.bin" programs/defer.s >/dev/null
runs+=("binary_defer:run --trace=calls --format binary --trace-out /dev/null programs/defer.s")
for format in text jsonl chrome; do runs+=("render_${format}_defer:render $logs/defer.bin --format $format"); done
results=$(printf '%s\n' "${runs[@]}" | xargs -P "$jobs" -I{} bash -c 'spec="{}"; check "${spec%%:*}" ${spec#*:}')
rm -f "$logs/defer.bin"
failed=$(grep -c '^FAIL' <<<"$results" || true)
grep '^FAIL' <<<"$results" || true
echo "goemu leakcheck: ${#runs[@]} runs under valgrind memcheck, $failed failed, $(( $(date +%s) - start )) s"
[ "$failed" -eq 0 ]
