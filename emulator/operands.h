// Operand access shared by all instruction families: widths as template
// parameters, register/memory/immediate locations, effective addresses.
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "emulator/decoded_insn.h"

namespace goemu::emu {

static_assert(std::endian::native == std::endian::little,
              "byte-offset register access assumes a little-endian host");

template <int W> struct UIntOfWidth;
template <> struct UIntOfWidth<8> { using type = uint8_t; };
template <> struct UIntOfWidth<16> { using type = uint16_t; };
template <> struct UIntOfWidth<32> { using type = uint32_t; };
template <> struct UIntOfWidth<64> { using type = uint64_t; };
template <int W> using U = typename UIntOfWidth<W>::type;
template <int W> using S = std::make_signed_t<U<W>>;

// Where an operand lives. Chosen at decode time and baked into the handler.
enum class Loc : uint8_t { kNone, kReg, kMem, kImm };

template <int W>
inline U<W> GetReg(const CpuState& cpu, uint8_t offset) {
  U<W> v;
  std::memcpy(&v, reinterpret_cast<const uint8_t*>(cpu.gpr.data()) + offset, sizeof v);
  return v;
}

// 8- and 16-bit writes keep the rest of the register; 32-bit writes zero the
// upper half (SDM Vol. 1, 3.4.1.1).
template <int W>
inline void SetReg(CpuState& cpu, uint8_t offset, U<W> v) {
  if constexpr (W == 32) {
    cpu.gpr[offset >> 3] = v;
  } else {
    std::memcpy(reinterpret_cast<uint8_t*>(cpu.gpr.data()) + offset, &v, sizeof v);
  }
}

inline uint8_t GprOffset(Gpr reg) { return static_cast<uint8_t>(reg * 8); }

// The offset part of the address, without segment base (what LEA computes).
[[gnu::always_inline]] inline uint64_t EffectiveAddress(const CpuState& cpu, const DecodedInsn& d) {
  uint64_t ea = static_cast<uint64_t>(d.disp);
  if (d.base != kNoReg) ea += cpu.gpr[d.base];
  if (d.index != kNoReg) ea += cpu.gpr[d.index] << d.scale_log2;
  return ea;
}

inline uint64_t SegmentBase(const CpuState& cpu, uint8_t segment) {
  if (segment == kSegNone) [[likely]] return 0;
  return segment == kSegFs ? cpu.fs_base : cpu.gs_base;
}

[[gnu::always_inline]] inline uint64_t LinearAddress(const CpuState& cpu, const DecodedInsn& d) {
  const uint64_t disp = static_cast<uint64_t>(d.disp);
  if (d.mem_form == kMemBase) [[likely]] return cpu.gpr[d.base] + disp;
  if (d.mem_form == kMemBaseIndex) return cpu.gpr[d.base] + (cpu.gpr[d.index] << d.scale_log2) + disp;
  if (d.mem_form == kMemFs) return cpu.fs_base + disp;
  return EffectiveAddress(cpu, d) + SegmentBase(cpu, d.segment);
}

// A store that passed the observer's watch prefilter, before it happens:
// throws WatchStop in a block running at full speed when the observer wants
// it, records it for the observer when stepping (machine.cpp).
[[gnu::cold]] void WatchedStore(ExecContext& c, uint64_t addr, uint32_t size);

// Whether a store of size bytes at addr passes the watch prefilter. With
// nothing watched (no observer, the untraced case) one compare answers, not
// the ranges'.
inline bool StoreWatched(const ExecContext& c, uint64_t addr, uint32_t size) {
  return c.watch != &kWatchNothing && PassesWatch(*c.watch, addr, size);
}

// Every guest store goes through here so the observer learns of the watched
// ones. The test comes before the write: an instruction stores before it
// changes registers, so a WatchStop leaves no trace of it.
template <typename T>
inline void Store(ExecContext& c, uint64_t addr, T v) {
  static_assert(sizeof(T) <= WatchRange::kMaxStore);
  if (StoreWatched(c, addr, sizeof(T))) [[unlikely]] WatchedStore(c, addr, sizeof(T));
  c.mem.Write<T>(addr, v);
}

// Memory access for handlers written as two variants, fast (kFast) and
// general: the fast one tries only the TLB and, on a miss, returns false
// before anything changed, so the threaded form tail-calls the general
// variant, which does the whole instruction again through Read/Write
// (threaded.h). The fast path then makes no call and needs no saved registers.
template <bool kFast, typename T>
inline bool Load(ExecContext& c, uint64_t addr, T& v) {
  if constexpr (kFast) return c.mem.TryRead<T>(addr, v);
  v = c.mem.Read<T>(addr);
  return true;
}
template <bool kFast, typename T>
inline bool Stored(ExecContext& c, uint64_t addr, T v) {
  if constexpr (kFast) {
    // A watched store is left to the general variant, as a TLB miss is.
    if (StoreWatched(c, addr, sizeof(T))) [[unlikely]] return false;
    if (!c.mem.TryWrite<T>(addr, v)) return false;
  } else {
    Store<T>(c, addr, v);
  }
  return true;
}

// Reads operand `pos` of kind L; addr is the linear address when L is kMem.
template <int W, Loc L>
inline U<W> ReadOp(ExecContext& c, const DecodedInsn& d, int pos, uint64_t addr) {
  static_assert(L != Loc::kNone);
  if constexpr (L == Loc::kReg) return GetReg<W>(c.cpu, d.reg[pos]);
  else if constexpr (L == Loc::kMem) return c.mem.Read<U<W>>(addr);
  else return static_cast<U<W>>(d.imm);
}

template <int W, Loc L>
inline void WriteOp(ExecContext& c, const DecodedInsn& d, int pos, uint64_t addr, U<W> v) {
  static_assert(L == Loc::kReg || L == Loc::kMem);
  if constexpr (L == Loc::kReg) SetReg<W>(c.cpu, d.reg[pos], v);
  else Store<U<W>>(c, addr, v);
}

// ReadOp and WriteOp for two-variant handlers (see Load/Stored): false when
// a memory operand misses the TLB in the fast variant.
template <int W, Loc L, bool kFast>
inline bool ReadOpOr(ExecContext& c, const DecodedInsn& d, int pos, uint64_t addr, U<W>& v) {
  if constexpr (L == Loc::kMem) return Load<kFast>(c, addr, v);
  v = ReadOp<W, L>(c, d, pos, addr);
  return true;
}
template <int W, Loc L, bool kFast>
inline bool WriteOpOr(ExecContext& c, const DecodedInsn& d, int pos, uint64_t addr, U<W> v) {
  if constexpr (L == Loc::kMem) return Stored<kFast, U<W>>(c, addr, v);
  WriteOp<W, L>(c, d, pos, addr, v);
  return true;
}

template <Loc A, Loc B = Loc::kNone, Loc C = Loc::kNone>
[[gnu::always_inline]] inline uint64_t AddressIfMem(const ExecContext& c, const DecodedInsn& d) {
  if constexpr (A == Loc::kMem || B == Loc::kMem || C == Loc::kMem) return LinearAddress(c.cpu, d);
  else return 0;
}

// 64-bit push for CALL and PUSHFQ; false as Stored is.
template <bool kFast = false>
inline bool Push64(ExecContext& c, uint64_t v) {
  const uint64_t rsp = c.cpu.gpr[kRsp] - 8;
  if (!Stored<kFast, uint64_t>(c, rsp, v)) return false;
  c.cpu.gpr[kRsp] = rsp;
  return true;
}

}  // namespace goemu::emu
