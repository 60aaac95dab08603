// AND OR XOR TEST NOT (SDM Vol. 2).
#include "emulator/bind.h"
#include "emulator/decoder.h"
#include "emulator/exec_jcc.h"
#include "emulator/lazy_flags.h"

namespace goemu::emu {

namespace {

struct AndOp {
  static constexpr bool kWrites = true;
  template <typename T> static T Apply(T a, T b) { return static_cast<T>(a & b); }
};
struct OrOp {
  static constexpr bool kWrites = true;
  template <typename T> static T Apply(T a, T b) { return static_cast<T>(a | b); }
};
struct XorOp {
  static constexpr bool kWrites = true;
  template <typename T> static T Apply(T a, T b) { return static_cast<T>(a ^ b); }
};
struct TestOp {
  static constexpr bool kWrites = false;
  template <typename T> static T Apply(T a, T b) { return static_cast<T>(a & b); }
};

// Two-way (kFast): see Load/Stored in operands.h and threaded.h. Inline, as exec_arith.cpp's
// Binary is.
template <typename Op>
struct Logic {
  template <int W, Loc D, Loc Src, bool kFast>
  [[gnu::always_inline]] static bool Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D, Src>(c, d);
    U<W> a, b;
    if (!ReadOpOr<W, D, kFast>(c, d, 0, addr, a) || !ReadOpOr<W, Src, kFast>(c, d, 1, addr, b)) [[unlikely]] {
      return false;
    }
    const U<W> r = Op::template Apply<U<W>>(a, b);
    if constexpr (Op::kWrites) {
      if (!WriteOpOr<W, D, kFast>(c, d, 0, addr, r)) [[unlikely]] return false;
    }
    SetLazyFlags<U<W>>(c, LazyOp::kLogic, 0, 0, r);
    return true;
  }
};

// NOT changes no flags.
struct Not {
  template <int W, Loc D>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D>(c, d);
    WriteOp<W, D>(c, d, 0, addr, static_cast<U<W>>(~ReadOp<W, D>(c, d, 0, addr)));
  }
};

}  // namespace

Handler TestThenBranch(Handler test, unsigned cond) {
  using T = Logic<TestOp>;
  return FirstFormOf<ThenBranchForm<T, 64, Loc::kReg, Loc::kReg>, ThenBranchForm<T, 64, Loc::kReg, Loc::kImm>,
                     ThenBranchForm<T, 64, Loc::kMem, Loc::kImm>, ThenBranchForm<T, 32, Loc::kReg, Loc::kReg>,
                     ThenBranchForm<T, 32, Loc::kReg, Loc::kImm>, ThenBranchForm<T, 32, Loc::kMem, Loc::kImm>,
                     ThenBranchForm<T, 8, Loc::kReg, Loc::kReg>, ThenBranchForm<T, 8, Loc::kReg, Loc::kImm>,
                     ThenBranchForm<T, 8, Loc::kMem, Loc::kImm>>(test, cond);
}

Bound BindLogic(const InsnView& v, DecodedInsn&) {
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_AND: return PickBinary<Logic<AndOp>>(v);
    case ZYDIS_MNEMONIC_OR: return PickBinary<Logic<OrOp>>(v);
    case ZYDIS_MNEMONIC_XOR: return PickBinary<Logic<XorOp>>(v);
    case ZYDIS_MNEMONIC_TEST: return PickBinary<Logic<TestOp>>(v);
    case ZYDIS_MNEMONIC_NOT: return PickUnary<Not>(v);
    default: return nullptr;
  }
}

}  // namespace goemu::emu
