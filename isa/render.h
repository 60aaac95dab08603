// Go-syntax text of a prog after rewriting, as `go tool asm -S` prints it.
#pragma once

#include <string>
#include <vector>

#include "isa/program.h"

namespace goemu::isa {

// `pcs` gives each prog's offset so label branches print as their target offset.
std::string RenderProg(const Prog& p, const std::vector<uint32_t>& pcs);
std::string RenderOperand(const Operand& a);

}  // namespace goemu::isa
