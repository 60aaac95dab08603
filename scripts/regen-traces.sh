#!/bin/sh
# Rewrites the golden traces and frame diagrams of programs/ on purpose -- programs/NAME.trace
# (`goemu run --trace`, long traces in the reduced form of tests/trace_golden/golden_form.h)
# and programs/NAME.frames (`goemu frames --at KEY`, KEY from tests/trace_golden/key_moments.h)
# -- for the named programs or all of them, then shows what changed. Review the diff before
# committing: the goldens are the test (ctest -R trace_golden).
#   scripts/regen-traces.sh [BUILD_DIR] [NAME...]      (NAME: defer, stackgrow, faults/nil_deref, ...)
set -e
cd "$(dirname "$0")/.."
build=${1:-build}
[ $# -gt 0 ] && shift
cmake --build "$build" --target goemu goemu_trace_golden_tests -j 2 >/dev/null
tests="$build/tests/trace_golden/goemu_trace_golden_tests"
case="golden traces and frame diagrams of programs/"
if [ $# -eq 0 ]; then
  GOEMU_REGEN_TRACES=1 "$tests" "$case" >/dev/null
else
  for name in "$@"; do
    GOEMU_REGEN_TRACES=1 "$tests" "$case" -c "$name" >/dev/null
  done
fi
git status --short -- 'programs/*.trace' 'programs/*.frames' 'programs/faults/*.trace' 'programs/faults/*.frames'
git --no-pager diff --stat -- 'programs/*.trace' 'programs/*.frames' 'programs/faults/*.trace' 'programs/faults/*.frames'
