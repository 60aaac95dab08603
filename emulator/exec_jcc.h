// Jcc's handlers, here for the handlers that end in a conditional branch of their own
// (a compare and the Jcc after it, go_idioms.h) as well as for Jcc's binding
// (exec_control.cpp).
#pragma once
#include <array>
#include <utility>

#include "emulator/block.h"
#include "emulator/lazy_flags.h"
#include "emulator/operands.h"
#include "emulator/threaded.h"

namespace goemu::emu {

template <unsigned kCond>
void Jcc(ExecContext& c, const DecodedInsn& d) {
  if (Condition<kCond>(c)) c.cpu.rip = d.imm;
}

// Threaded, a taken Jcc leaves its block right after itself (the block's
// side exit, block.h); not taken, the block goes on. Inline in the handlers that end in
// one, so that the condition comes from the flags they have just recorded, not from memory.
template <unsigned kCond>
[[gnu::always_inline]] inline void BranchThreaded(ExecContext& c, const DecodedInsn& d) {
  if (Condition<kCond>(c)) {
    c.cpu.rip = d.imm;
    return ExitBlock(c, &d + 1, d.exit_ran, d.exit_index);
  }
  return Next(c, d);
}
template <unsigned kCond>
void JccThreaded(ExecContext& c, const DecodedInsn& d) {
  return BranchThreaded<kCond>(c, d);
}

// An instruction that sets the flags (a compare: fast half F, general half G) and the Jcc of
// condition kCond after it, as one handler (go_idioms.h). The condition comes from the values
// F has just compared; when F declines (a TLB miss), the general half runs and the Jcc's
// record after it.
template <FastHandler F, FastHandler G, unsigned kCond>
void ThenBranchThreaded(ExecContext& c, const DecodedInsn& d) {
  if (!F(c, d)) [[unlikely]] return ThreadedGeneral<G>(c, d);
  return BranchThreaded<kCond>(c, (&d)[1]);
}

template <FastHandler F, FastHandler G, unsigned... kConds>
constexpr std::array<Handler, sizeof...(kConds)> ThenBranchTable(std::integer_sequence<unsigned, kConds...>) {
  return {&ThenBranchThreaded<F, G, kConds>...};
}

// Fam::Run<W, D, S> (a two-way form, as BindRun binds it) followed by a Jcc.
template <typename Fam, int W, Loc D, Loc S>
struct ThenBranchForm {
  static constexpr auto kFast = &Fam::template Run<W, D, S, true>;
  static constexpr auto kGeneral = &Fam::template Run<W, D, S, false>;
  static constexpr std::array<Handler, 16> kByCond =
      ThenBranchTable<kFast, kGeneral>(std::make_integer_sequence<unsigned, 16>{});
  static Handler Of(Handler exec, unsigned cond) {
    return exec == BindRun<Fam, W, D, S>().exec ? kByCond[cond] : nullptr;
  }
};

}  // namespace goemu::emu
