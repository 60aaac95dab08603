#!/bin/sh
# Rewrites programs/NAME.out from what `goemu run` prints now, on purpose, for the named
# programs (or all of them, faults/ included). A `// Run flags: ...` line in the source adds
# options. Review the diff before committing: the .out files are the test.
#   programs/regen.sh build-x/cli/goemu [NAME...]      (NAME: stackgrow, faults/nil_deref, ...)
set -e
goemu=$(realpath "$1"); shift
cd "$(dirname "$0")/.."
names="$*"
[ -n "$names" ] || names=$(ls programs/*.s programs/faults/*.s | sed 's|programs/||; s|\.s$||')
for name in $names; do
  flags=$(sed -n 's|^// Run flags: ||p' "programs/$name.s")
  # shellcheck disable=SC2086
  "$goemu" run $flags "programs/$name.s" > "programs/$name.out" 2>&1 || true
done
