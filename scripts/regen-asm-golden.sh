#!/usr/bin/env bash
# Regenerates tests/asm_golden/golden/*.listing from tests/asm_golden/corpus/*.s with the real
# Go 1.19 assembler. Run it on purpose (after adding or changing a corpus file), then review
# the diff it prints before committing: the goldens are the oracle goemu's assembler is held to.
#
#   scripts/regen-asm-golden.sh            # every corpus file
#   scripts/regen-asm-golden.sh lea tls    # only the named corpus files (without .s)
#
# GO overrides the go binary (default: Go 1.19 from the Debian package).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/tests/asm_golden/corpus
golden=$root/tests/asm_golden/golden
go_bin=${GO:-/usr/lib/go-1.19/bin/go}
goroot=$("$go_bin" env GOROOT)

version=$("$go_bin" env GOVERSION)
case $version in
  go1.19*) ;;
  *) echo "regen-asm-golden: need Go 1.19, $go_bin is $version" >&2; exit 1 ;;
esac

# go_tls.h is not installed under pkg/include: the runtime includes it from its own folder.
asm_flags=(-p main -I "$goroot/pkg/include" -I "$goroot/src/runtime" -I "$corpus"
           -D GOOS_linux -D GOARCH_amd64 -D GOAMD64_v1 -S)

if [[ $# -gt 0 ]]; then
  names=("$@")
else
  names=()
  for f in "$corpus"/*.s; do names+=("$(basename "$f" .s)"); done
fi

mkdir -p "$golden"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
for name in "${names[@]}"; do
  # Run from the corpus folder with a bare file name so the listing says (NAME.s:LINE)
  # on every machine. -o must be a real file: the assembler writes the object after -S.
  if (cd "$corpus" && "$go_bin" tool asm "${asm_flags[@]}" -o "$tmp/$name.o" "$name.s") \
       >"$tmp/$name.listing" 2>"$tmp/$name.err"; then
    mv "$tmp/$name.listing" "$golden/$name.listing"
  else
    echo "regen-asm-golden: go tool asm rejected $name.s:" >&2
    cat "$tmp/$name.err" >&2
    failed=1
  fi
done

git -C "$root" diff --stat -- tests/asm_golden/golden
git -C "$root" status --short -- tests/asm_golden/golden | grep '^??' || true
exit $failed
