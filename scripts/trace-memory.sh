#!/usr/bin/env bash
# Checks that tracing streams: goemu's peak resident memory while tracing
# bench/programs/longloop.s (~108 million instructions, 24 million frame events) must stay
# under a fixed bound and must not grow with the run's length.
#
#   scripts/trace-memory.sh [--build-dir DIR] [--bound-mb N] [--growth-mb N]
#
# Method: each trace mode runs three times, stopped by --max-steps at 10^6, 10^7 and 10^8
# retired instructions, with the trace written to /dev/null and to a file (removed after each
# run); the peak resident set (VmHWM, as /usr/bin/time -f %M reports it from the kernel's
# rusage) is printed for each. It fails when a peak exceeds --bound-mb (default 64, the
# resident-memory target of issue 7), or when the peak at 10^8 is more than --growth-mb
# (default 4) above the peak at 10^6: streaming means the same memory for 100 times the events.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build
bound_mb=64
growth_mb=4
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build="$2"; shift 2 ;;
    --bound-mb) bound_mb="$2"; shift 2 ;;
    --growth-mb) growth_mb="$2"; shift 2 ;;
    *) echo "usage: $0 [--build-dir DIR] [--bound-mb N] [--growth-mb N]" >&2; exit 2 ;;
  esac
done
goemu="$build/cli/goemu"
[ -x "$goemu" ] || { echo "goemu trace-memory: no $goemu; build first (make build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "goemu trace-memory: needs /usr/bin/time (Debian package time)" >&2; exit 2; }
program=bench/programs/longloop.s
file="$build/trace-memory.trace"
rss="$build/trace-memory.rss"

# Peak RSS in KiB of one run: STEPS OUT then the trace flags. --max-steps ends the run with
# status 4 (its message goes to the discarded stderr); any other status is a failure.
peak_kib() {
  local steps="$1" out="$2"; shift 2
  local status=0
  /usr/bin/time -o "$rss" -f %M "$goemu" run --max-steps "$steps" "$@" --trace-out "$out" "$program" \
    >/dev/null 2>&1 || status=$?
  rm -f "$file"
  if [ "$status" -ne 4 ]; then
    echo "goemu trace-memory: goemu run $* --max-steps $steps exited $status" >&2
    exit 1
  fi
  tail -1 "$rss"
}

failed=0
printf '%-32s %-10s %10s %10s %10s\n' "trace" "output" "10^6 KiB" "10^7 KiB" "10^8 KiB"
for mode in "--trace=insns --format jsonl" "--trace=calls --format text" "--trace=calls --format chrome" \
            "--trace=calls --format binary"; do
  for out in /dev/null "$file"; do
    # shellcheck disable=SC2086  # the mode is several flags
    a=$(peak_kib 1000000 "$out" $mode)
    b=$(peak_kib 10000000 "$out" $mode)
    c=$(peak_kib 100000000 "$out" $mode)
    verdict=""
    for kib in "$a" "$b" "$c"; do
      [ "$kib" -le $((bound_mb * 1024)) ] || verdict="over the ${bound_mb} MiB bound"
    done
    [ $((c - a)) -le $((growth_mb * 1024)) ] || verdict="${verdict:+$verdict, }grows by $((c - a)) KiB"
    [ "$out" = "$file" ] && label=file || label=/dev/null
    printf '%-32s %-10s %10s %10s %10s %s\n' "${mode#--trace=}" "$label" "$a" "$b" "$c" "${verdict:+FAIL: $verdict}"
    [ -z "$verdict" ] || failed=1
  done
done
echo "bound: ${bound_mb} MiB peak RSS, at most ${growth_mb} MiB more at 10^8 than at 10^6 instructions"
exit $failed
