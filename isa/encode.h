// Lowers one prog (Go mnemonic + Go-order operands) to a Zydis encoder request and encodes it.
// Relocated fields are left zero and reported; branch-to-label displacements come from span.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "isa/assembler.h"
#include "isa/program.h"

namespace goemu::isa {

class DiagSink;

struct Encoded {
  std::vector<uint8_t> bytes;
  std::vector<Reloc> relocs;  // offsets relative to the instruction
};

// Encodes `p`. `prefixes` are extra ZYDIS_ATTRIB_HAS_* bits (a preceding REP or LOCK).
// Branches to labels must go through EncodeBranch. Reports to `diags` and returns nullopt on error.
std::optional<Encoded> EncodeProg(const Prog& p, const AssembleOptions& options, uint64_t prefixes,
                                  DiagSink& diags);

// A JMP/Jcc/CALL to a label: `disp` is relative to the end of the instruction; `width` 8 or 32.
std::optional<Encoded> EncodeBranch(const Prog& p, int64_t disp, int width, DiagSink& diags);

// Bytes a branch of this prog takes with an 8- or 32-bit displacement.
int BranchSize(const Prog& p, int width);

// True for props that branch to a label or n(PC) inside the function.
bool IsLabelBranch(const Prog& p);

}  // namespace goemu::isa
