#!/usr/bin/env bash
# check_asmdecl.sh GEN_DIR ASM_DIR DECL_DIR: go vet's asmdecl analyzer over the runtime asm.
# It checks every name+off(FP) operand (name, offset, width) and every TEXT's argument size
# against the Go declarations in DECL_DIR/decl.go. vet only checks functions of the package it
# analyses, so the files are copied into a scratch package with runtime· turned into ·.
# Findings must match DECL_DIR/expected.txt exactly (line numbers dropped).
set -uo pipefail
gen_dir=$(realpath "$1")
asm_dir=$(realpath "$2")
decl_dir=$(realpath "$3")
goroot=/usr/lib/go-1.19
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for file in "$asm_dir"/*.s "$gen_dir"/runtime_messages.s; do
  sed 's/runtime·/·/g' "$file" > "$work/$(basename "$file")"
done
cp "$gen_dir/go_asm.h" "$asm_dir"/*.h "$decl_dir/decl.go" "$work/"
printf 'module rtcheck\n\ngo 1.19\n' > "$work/go.mod"
export GOCACHE="$work/cache"
actual=$(cd "$work" && GOROOT=$goroot GOPROXY=off GOFLAGS=-mod=mod "$goroot/bin/go" vet -asmdecl . 2>&1 |
  grep -v '^#' | sed -E 's|^\./([^:]+):[0-9]+:[0-9]+: |\1:|')
expected=$(grep -v '^#' "$decl_dir/expected.txt")
if [[ "$actual" == "$expected" ]]; then
  echo "asmdecl: only the expected findings"
  exit 0
fi
echo "asmdecl findings differ from expected.txt:"
diff <(echo "$expected") <(echo "$actual")
exit 1
