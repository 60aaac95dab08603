#include "emulator/cpu_model.h"

#include <cstring>

namespace goemu::emu {

namespace {

constexpr uint32_t kMaxBasicLeaf = 7;
constexpr uint32_t kMaxExtendedLeaf = 0x80000004;

// Family 6, model 0x2C (extended model 2, model C), stepping 2: a
// Westmere-class signature. The feature bits below advertise less than a real
// Westmere: only what the interpreter executes, so feature-detecting code
// (Go's internal/cpu, bytealg) never picks a path that would fault.
constexpr uint32_t kSignature = 0x000206C2;
// CLFLUSH line 8 qwords (64 bytes), one logical processor, APIC id 0.
constexpr uint32_t kLeaf1Ebx = 0x00010800;

// Leaf 1 ECX: POPCNT(23). No SSE3, SSSE3, SSE4.x (not executed), CX16,
// OSXSAVE(27) or AVX(28).
constexpr uint32_t kLeaf1Ecx = 1u << 23;
// Leaf 1 EDX: FPU(0) TSC(4) CX8(8) CMOV(15) MMX(23) FXSR(24) SSE(25) SSE2(26).
constexpr uint32_t kLeaf1Edx =
    (1u << 0) | (1u << 4) | (1u << 8) | (1u << 15) | (1u << 23) | (1u << 24) | (1u << 25) | (1u << 26);
// 0x80000001 ECX: LAHF/SAHF in 64-bit mode(0). EDX: SYSCALL(11) NX(20) LM(29).
constexpr uint32_t kExt1Ecx = 1u << 0;
constexpr uint32_t kExt1Edx = (1u << 11) | (1u << 20) | (1u << 29);

// Twelve bytes of text in register order (EBX, EDX, ECX for the vendor).
uint32_t Chars(const char* text) {
  uint32_t v;
  std::memcpy(&v, text, 4);
  return v;
}

// 48 bytes, NUL padded, returned 16 bytes per leaf in EAX EBX ECX EDX.
constexpr char kBrand[49] = "goemu virtual x86-64 CPU (Westmere-class)";

}  // namespace

CpuidResult QueryCpuid(uint32_t leaf, uint32_t) {
  switch (leaf) {
    case 0: return {kMaxBasicLeaf, Chars("Genu"), Chars("ntel"), Chars("ineI")};
    case 1: return {kSignature, kLeaf1Ebx, kLeaf1Ecx, kLeaf1Edx};
    case 0x80000000: return {kMaxExtendedLeaf, 0, 0, 0};
    case 0x80000001: return {0, 0, kExt1Ecx, kExt1Edx};
    case 0x80000002:
    case 0x80000003:
    case 0x80000004: {
      const char* part = kBrand + (leaf - 0x80000002) * 16;
      return {Chars(part), Chars(part + 4), Chars(part + 8), Chars(part + 12)};
    }
    default:
      // Leaves 2..7 (caches, topology, structured extended features: none of
      // BMI, AVX2, ERMS ...) and anything out of range read as zero.
      return {};
  }
}

}  // namespace goemu::emu
