#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for N seconds, one at a
# time (the machine is shared). Fails when a fuzzer finds a crash, a leak, a timeout or a
# sanitizer report, or when a saved regression input (fuzz/regressions/<target>/) fails again.
#
#   scripts/fuzz.sh [--seconds N] [--build-dir DIR] [--targets "asm link exec step render"]
#
# The working corpus lives in DIR/corpus/<target> and grows across runs; seeds come from
# programs/, tests/asm_golden/corpus/, runtime_model/asm/ and fuzz/seeds/. Crash inputs land in
# DIR/artifacts/<target>/. Figures for the run are appended to DIR/fuzz-log.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
build=build-fuzz
targets="asm link exec step render"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    *) echo "usage: $0 [--seconds N] [--build-dir DIR] [--targets \"asm link exec step render\"]" >&2; exit 2 ;;
  esac
done

scripts/install-fuzz-deps.sh
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOEMU_FUZZ=ON >/dev/null
fi
cmake --build "$build" -j 2 --target $(for t in $targets; do printf 'goemu_%s_fuzzer ' "$t"; done)

# Seeds: assembly files for the assembler; pairs of them, joined by the "----" separator line
# (fuzz/fuzz_sources.h), for the linker; committed machine-code inputs for the interpreter;
# command scripts for the stepper; binary traces of small programs for the trace reader.
seeds="$build/seeds"
rm -rf "$seeds" && mkdir -p "$seeds/asm" "$seeds/link" "$seeds/exec" "$seeds/step" "$seeds/render"
asm_files=(programs/*.s tests/asm_golden/corpus/*.s runtime_model/asm/*.s fuzz/seeds/asm/*)
cp "${asm_files[@]}" "$seeds/asm/" 2>/dev/null || true
for ((i = 0; i + 1 < ${#asm_files[@]}; i += 2)); do
  { cat "${asm_files[i]}"; printf '\n----\n'; cat "${asm_files[i + 1]}"; } > "$seeds/link/pair$i.s"
done
cp fuzz/seeds/exec/* "$seeds/exec/"
cp fuzz/seeds/step/* "$seeds/step/"
cp fuzz/seeds/render/* "$seeds/render/"

status=0
for t in $targets; do
  bin="$build/fuzz/goemu_${t}_fuzzer"
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  if [ -d "fuzz/regressions/$t" ] && [ -n "$(ls -A "fuzz/regressions/$t")" ]; then
    echo "== $t: replaying fuzz/regressions/$t"
    "$bin" -runs=1 "fuzz/regressions/$t"/* > "$build/$t-regressions.log" 2>&1 || {
      echo "goemu fuzz: $t regression inputs fail again; see $build/$t-regressions.log" >&2
      status=1
    }
  fi
  echo "== $t: fuzzing for ${seconds}s"
  log="$build/$t.log"
  # A fixed seed: the same mutations in the same order on every run, so a CI verdict does not
  # depend on the dice (a faster machine only gets further along the same sequence).
  if ! "$bin" -seed=1 -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=16384 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus" "$seeds/$t" > "$log" 2>&1; then
    echo "goemu fuzz: $t found a crash; input in $artifacts, report in $log" >&2
    grep -m 20 -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" >&2 || true
    status=1
  fi
  execs=$(grep -m1 -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || echo "cov: ?")
  line="$(date -u +%FT%TZ) $t seconds=$seconds execs=$execs $cov corpus=$(ls "$corpus" | wc -l) crashes=$(ls "$artifacts" | wc -l)"
  echo "$line" | tee -a "$build/fuzz-log.txt"
done
exit $status
