#!/bin/sh
# Rewrites programs/NAME.out from what `goemu run` prints now, on purpose, for the named
# programs (or all of them). Review the diff before committing: the .out files are the test.
#   programs/regen.sh build-x/cli/goemu [NAME...]
set -e
goemu=$(realpath "$1"); shift
cd "$(dirname "$0")/.."
names="$*"
[ -n "$names" ] || names=$(ls programs/*.s | sed 's|programs/||; s|\.s$||')
for name in $names; do
  "$goemu" run "programs/$name.s" > "programs/$name.out" 2>&1 || true
done
