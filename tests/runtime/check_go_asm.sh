#!/usr/bin/env bash
# check_go_asm.sh GEN_DIR ASM_DIR: assemble every runtime .s with Go 1.19's `go tool asm` as
# package runtime, with goemu's generated go_asm.h first on the include path. Prints each
# file's verdict; exits non-zero if any file fails.
set -uo pipefail
gen_dir=$(realpath "$1")
asm_dir=$(realpath "$2")
goroot=/usr/lib/go-1.19
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for file in "$asm_dir"/*.s "$gen_dir"/runtime_messages.s; do
  if (cd "$work" && GOROOT=$goroot "$goroot/bin/go" tool asm -p runtime \
        -I "$gen_dir" -I "$asm_dir" -I "$goroot/pkg/include" -I /usr/share/go-1.19/src/runtime \
        -D GOOS_linux -D GOARCH_amd64 -D GOAMD64_v1 -o "$work/out.o" "$file"); then
    echo "ok   $(basename "$file")"
  else
    echo "FAIL $(basename "$file")"
    status=1
  fi
done
exit $status
