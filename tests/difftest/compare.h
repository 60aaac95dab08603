// Compares the native and the interpreted outcome of a case and renders the
// mismatch report: a side-by-side register table with the differing lines
// marked, the instruction bytes and disassembly, and the initial state.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "tests/difftest/outcome.h"
#include "tests/difftest/test_case.h"

namespace goemu::difftest {

// Marks a differing line of the report.
inline constexpr std::string_view kDiffMarker = "<==";

// RFLAGS bits compared for this case: the status flags and DF, minus the
// ones the SDM leaves undefined for this instance.
uint64_t ComparedFlags(const TestCase& test);

// The names of what differs ("rbx", "rflags", "rip", "fault", "xmm3",
// "data+0x128", "stack+0x1f8", "native", "goemu"); empty when they agree. Also "writes rbx"
// or "writes rflags" for a register the host CPU changed that goemu's decoder says the
// instruction cannot write (emu::Decoder::Writes).
std::vector<std::string> Differences(const TestCase& test, const Outcome& native, const Outcome& emu);

// Headed "MISMATCH" (or "match" when the outcomes agree, for --print-cases).
// `replay` is the command line that reruns just this case.
std::string MismatchReport(const TestCase& test, std::string_view replay, const Outcome& native,
                           const Outcome& emu);

}  // namespace goemu::difftest
