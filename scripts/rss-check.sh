#!/usr/bin/env bash
# Checks issue 7's resident-memory target: `goemu run` of every program in programs/ and
# programs/faults/ must peak under a bound of resident memory (default 64 MB).
#
#   scripts/rss-check.sh [--build-dir DIR] [--bound-mb N]
#
# Each program runs the way tests/programs runs it (with the `// Run flags:` of its source),
# output discarded, and must end with the status its `// Exit status:` line declares (0
# without one), so a run that failed early cannot pass with a small figure. The peak
# resident set is the kernel's (rusage ru_maxrss, as /usr/bin/time -f %M reports it, in KiB).
# Prints one line per program and the largest; fails when any peak reaches the bound.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build
bound_mb=64
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build="$2"; shift 2 ;;
    --bound-mb) bound_mb="$2"; shift 2 ;;
    *) echo "usage: $0 [--build-dir DIR] [--bound-mb N]" >&2; exit 2 ;;
  esac
done
goemu="$build/cli/goemu"
[ -x "$goemu" ] || { echo "goemu rss-check: no $goemu; build first (make build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "goemu rss-check: needs /usr/bin/time (Debian package time)" >&2; exit 2; }

bound_kb=$((bound_mb * 1024))
max_kb=0
max_name=""
failed=0
for source in programs/*.s programs/faults/*.s; do
  name=${source#programs/}
  name=${name%.s}
  read -r -a flags <<<"$(sed -n 's|^// Run flags: ||p' "$source")"
  want=$(sed -n 's|^// Exit status: ||p' "$source")
  want=${want:-0}
  status=0
  kb=$(/usr/bin/time -f %M "$goemu" run "${flags[@]}" "$source" 2>&1 >/dev/null | tail -n 1) || status=$?
  # time exits with the command's status; the last line of its stderr is the figure.
  if [ "$status" != "$want" ]; then
    echo "$name: exit status $status, expected $want" >&2
    failed=1
    continue
  fi
  verdict=""
  if [ "$kb" -ge "$bound_kb" ]; then
    verdict="  >= ${bound_mb} MB"
    failed=1
  fi
  printf '%-28s %8d KiB%s\n' "$name" "$kb" "$verdict"
  if [ "$kb" -gt "$max_kb" ]; then
    max_kb=$kb
    max_name=$name
  fi
done
echo "goemu rss-check: largest peak resident set $max_kb KiB ($max_name), bound $bound_kb KiB (${bound_mb} MB)"
exit "$failed"
