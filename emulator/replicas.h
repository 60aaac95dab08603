// Copies of the busiest handlers, so that fewer of the threaded jumps share one branch.
//
// Every handler ends with an indirect jump to the next record's handler (threaded.h), and the
// CPU predicts that jump from the jump's address and the path that led to it. A handler that
// many different instructions run, such as MOV r64, m64 in the runtime's code, has one jump
// for all of them, and its target changes with the instruction after each: in the
// runtime-model workloads (goroutine ping-pong, defer), cachegrind's branch model puts most
// of their indirect mispredictions on the MOV handlers' jumps.
//
// A replicated handler has kReplicas copies of the same code at different addresses. The
// block builder gives each record the copy that goes with the handler of the record after
// it (DecodeCache::Build): each replicated handler deals its copies in turn to the handlers
// it meets after it, first come first served, so that its first kReplicas successors have a
// copy each and a copy's jump goes to few targets. Copy 0 is the handler as bound.
//
// bench/README.md ("Session 13", "Session 14") has what they bought: sixteen copies ran
// goroutine ping-pong 6% faster than eight, and thirty-two slower than sixteen. Only the
// copies' addresses differ: what each does is its family's code (exec_move.cpp's MoveReplica
// lists the forms).
#pragma once
#include <array>
#include <utility>

#include "emulator/threaded.h"

namespace goemu::emu {

inline constexpr unsigned kReplicas = 16;

template <FastHandler F, FastHandler G, unsigned... kCopies>
constexpr std::array<Handler, sizeof...(kCopies)> TwoWayCopies(std::integer_sequence<unsigned, kCopies...>) {
  return {&ThreadedTwoWay<F, G, kCopies>...};
}
template <Handler H, unsigned... kCopies>
constexpr std::array<Handler, sizeof...(kCopies)> ThreadedCopies(std::integer_sequence<unsigned, kCopies...>) {
  return {&Threaded<H, kCopies>...};
}

// The copies of Fam::Run<Args...> as BindRun binds it (two-way or plain).
template <typename Fam, auto... Args>
struct ReplicaForm {
  static constexpr std::array<Handler, kReplicas> Copies() {
    constexpr auto kSeq = std::make_integer_sequence<unsigned, kReplicas>{};
    if constexpr (requires { &Fam::template Run<Args..., true>; }) {
      return TwoWayCopies<&Fam::template Run<Args..., true>, &Fam::template Run<Args..., false>>(kSeq);
    } else {
      return ThreadedCopies<&Fam::template Run<Args...>>(kSeq);
    }
  }
  static constexpr std::array<Handler, kReplicas> kCopies = Copies();
  static Handler Of(Handler exec, unsigned copy) { return exec == kCopies[0] ? kCopies[copy] : nullptr; }
};

}  // namespace goemu::emu
