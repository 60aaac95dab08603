// Flags that flow from one instruction to the next. The interpreter computes
// the status flags of ADD/SUB/CMP/NEG, the logic ops and INC/DEC only when an
// instruction reads them, and Jcc evaluates the common conditions straight
// from the operands; the differential tester runs one instruction at a time,
// so these pairs are checked here: exact cases, and every condition after
// every lazily-flagged op agreeing with the flags PUSHFQ stores.
#include <catch2/catch.hpp>

#include <Zydis/Zydis.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {

ZydisRegister Sized(ZydisRegister r64, int width) {
  const bool is_rax = r64 == ZYDIS_REGISTER_RAX;
  switch (width) {
    case 8: return is_rax ? ZYDIS_REGISTER_AL : ZYDIS_REGISTER_BL;
    case 16: return is_rax ? ZYDIS_REGISTER_AX : ZYDIS_REGISTER_BX;
    case 32: return is_rax ? ZYDIS_REGISTER_EAX : ZYDIS_REGISTER_EBX;
    default: return r64;
  }
}

// "op al/ax/eax/rax[, bl/bx/ebx/rbx]" as hex, encoded by Zydis.
std::string EncodeOp(ZydisMnemonic mnemonic, int width, bool binary) {
  ZydisEncoderRequest req{};
  req.mnemonic = mnemonic;
  req.machine_mode = ZYDIS_MACHINE_MODE_LONG_64;
  req.operand_count = binary ? 2 : 1;
  req.operands[0].type = ZYDIS_OPERAND_TYPE_REGISTER;
  req.operands[0].reg.value = Sized(ZYDIS_REGISTER_RAX, width);
  req.operands[1].type = ZYDIS_OPERAND_TYPE_REGISTER;
  req.operands[1].reg.value = Sized(ZYDIS_REGISTER_RBX, width);
  ZyanU8 bytes[ZYDIS_MAX_INSTRUCTION_LENGTH];
  ZyanUSize length = sizeof bytes;
  REQUIRE(ZYAN_SUCCESS(ZydisEncoderEncodeInstruction(&req, bytes, &length)));
  std::string hex;
  for (ZyanUSize i = 0; i < length; ++i) hex += fmt::format("{:02x}", bytes[i]);
  return hex;
}

bool Holds(unsigned cc, uint64_t f) {
  const bool cf = f & kFlagCF, pf = f & kFlagPF, zf = f & kFlagZF, sf = f & kFlagSF, of = f & kFlagOF;
  const bool conds[8] = {of, cf, zf, cf || zf, sf, pf, sf != of, zf || sf != of};
  return conds[cc >> 1] != static_cast<bool>(cc & 1);
}

constexpr const char* kStc = "f9";
constexpr const char* kClc = "f8";
constexpr const char* kPushfPopRcx = "9c 59";       // pushfq; pop rcx
constexpr const char* kMovEdx1 = "ba01000000";      // mov edx, 1 (skipped when the jcc is taken)

}  // namespace

TEST_CASE("Lazy flags: exact conditions after CMP, ADD, TEST, INC and DEC", "[flags]") {
  struct Case {
    const char* code;
    uint64_t rax, rbx;
    unsigned cc;  // the jcc's condition nibble
    bool taken;
  };
  const Case cases[] = {
      {"4839d8", 1, 2, 0xc, true},                  // cmp rax, rbx: 1 < 2 signed -> jl
      {"4839d8", 1, 2, 0x2, true},                  // ... and unsigned -> jb
      {"4839d8", 1, 2, 0xf, false},                 // ... not jg
      {"4839d8", ~0ull, 1, 0x2, false},             // cmp -1, 1: unsigned above, jb not taken
      {"4839d8", ~0ull, 1, 0xc, true},              // ... signed less, jl taken
      {"38d8", 0x80, 0x01, 0xc, true},              // cmp al, bl: -128 < 1 -> jl
      {"38d8", 0x80, 0x01, 0x7, true},              // ... 0x80 > 1 unsigned -> ja
      {"38d8", 0x180, 0x80, 0x4, true},             // ... only the low bytes count: je
      {"6639d8", 0x8000, 0x8000, 0xe, true},        // cmp ax, bx: equal -> jle
      {"39d8", 0x7fffffff, 0xffffffff, 0xf, true},  // cmp eax, ebx: INT_MAX > -1 -> jg
      {"39d8", 0x7fffffff, 0xffffffff, 0x0, true},  // ... INT_MAX - (-1) overflows: jo
      {"00d8", 0xff, 0x01, 0x2, true},              // add al, bl: carry -> jb
      {"00d8", 0xff, 0x01, 0x4, true},              // ... zero -> je
      {"00d8", 0x7f, 0x01, 0x0, true},              // add al, bl: 127 + 1 overflows -> jo
      {"00d8", 0x7f, 0x01, 0xa, false},             // ... 0x80 has odd parity -> jp not taken
      {"4885c0", 0, 0, 0x4, true},                  // test rax, rax: zero -> je
      {"4885c0", 1ull << 63, 0, 0xc, true},         // ... sign, OF = 0 -> jl
      {"4885c0", 1ull << 63, 0, 0x6, false},        // ... CF = ZF = 0 -> jbe not taken
      {"48ffc8", 1, 0, 0x5, false},                 // dec rax to zero -> jnz not taken
      {"48ffc0", ~0ull >> 1, 0, 0x0, true},         // inc rax: INT64_MAX + 1 -> jo
  };
  for (const Case& c : cases) {
    Guest g;
    g.reg(kRax) = c.rax;
    g.reg(kRbx) = c.rbx;
    const std::string code = fmt::format("{} {:02x}05 {}", c.code, 0x70 + c.cc, kMovEdx1);
    INFO(code);
    g.Exec(code);
    REQUIRE(g.reg(kRdx) == (c.taken ? 0u : 1u));
  }
}

TEST_CASE("Lazy flags: INC and DEC keep the CF of the instruction before", "[flags]") {
  // cmp rax, rbx (1 < 2 sets CF); inc rcx; jb -> taken; then adc rsi, 0 adds that CF.
  Guest g;
  g.reg(kRax) = 1;
  g.reg(kRbx) = 2;
  g.Exec(fmt::format("4839d8 48ffc1 7205 {} 4883d600", kMovEdx1));
  REQUIRE(g.reg(kRdx) == 0);
  REQUIRE(g.reg(kRcx) == 1);
  REQUIRE(g.reg(kRsi) == 1);
  // add al, bl carries; dec ecx; the stored flags: CF from the add, ZF/SF/PF from the dec.
  Guest h;
  h.reg(kRax) = 0xff;
  h.reg(kRbx) = 1;
  h.reg(kRcx) = 1;
  h.Exec(fmt::format("00d8 ffc9 {}", kPushfPopRcx));
  REQUIRE(Defined(h.reg(kRcx), kFlagAF) == Flags(kFlagCF | kFlagZF | kFlagPF));
  REQUIRE(h.cpu().rflags == h.reg(kRcx));  // what Run leaves behind is what PUSHFQ saw
}

TEST_CASE("Lazy flags: every condition agrees with the flags PUSHFQ stores", "[flags]") {
  struct Op {
    ZydisMnemonic mnemonic;
    bool binary;
  };
  const Op ops[] = {{ZYDIS_MNEMONIC_ADD, true},  {ZYDIS_MNEMONIC_SUB, true}, {ZYDIS_MNEMONIC_CMP, true},
                    {ZYDIS_MNEMONIC_AND, true},  {ZYDIS_MNEMONIC_OR, true},  {ZYDIS_MNEMONIC_XOR, true},
                    {ZYDIS_MNEMONIC_TEST, true}, {ZYDIS_MNEMONIC_INC, false}, {ZYDIS_MNEMONIC_DEC, false},
                    {ZYDIS_MNEMONIC_NEG, false}, {ZYDIS_MNEMONIC_XADD, true}};
  const uint64_t values[] = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x7fffffff, 0x80000000,
                             0xffffffff, 0x7fffffffffffffff, 0x8000000000000000, ~0ull, 0x0123456789abcdef};
  for (const Op& op : ops) {
    for (int width : {8, 16, 32, 64}) {
      const std::string insn = EncodeOp(op.mnemonic, width, op.binary);
      for (uint64_t a : values) {
        for (uint64_t b : values) {
          for (const char* carry : {kStc, kClc}) {
            // The flags as PUSHFQ stores them (materialised in full).
            Guest g;
            g.reg(kRax) = a;
            g.reg(kRbx) = b;
            g.Exec(fmt::format("{} {} {}", carry, insn, kPushfPopRcx));
            const uint64_t flags = g.reg(kRcx);
            INFO(fmt::format("{} {:#x} {:#x} {} flags {:#x}", insn, a, b, carry, flags));
            REQUIRE(g.cpu().rflags == flags);
            for (unsigned cc = 0; cc < 16; ++cc) {
              g.reg(kRax) = a;
              g.reg(kRbx) = b;
              g.reg(kRdx) = 0;
              g.Exec(fmt::format("{} {} {:02x}05 {}", carry, insn, 0x70 + cc, kMovEdx1));
              INFO("cc " << cc);
              REQUIRE(g.reg(kRdx) == (Holds(cc, flags) ? 0u : 1u));
            }
          }
        }
      }
    }
  }
}

}  // namespace goemu::emu::testing

namespace goemu::emu::testing {

TEST_CASE("Lazy flags: an observer reads exact RFLAGS in the middle of a run", "[flags]") {
  struct FlagRecorder : ExecutionObserver {
    std::vector<uint64_t> seen;
    uint32_t interest() const override { return kClassCondBranch; }
    void OnRetired(Machine& machine, const RetiredInsn&) override { seen.push_back(machine.cpu().rflags); }
  };
  Guest g;
  FlagRecorder recorder;
  g.machine.SetObserver(&recorder);
  g.reg(kRax) = 1;
  g.reg(kRbx) = 2;
  // cmp rax, rbx; jne +0; inc rbx; jne +0; test rax, rax; jne +0
  g.Exec("4839d8 7500 48ffc3 7500 4885c0 7500");
  REQUIRE(recorder.seen.size() == 3);
  CHECK(recorder.seen[0] == Flags(kFlagCF | kFlagPF | kFlagAF | kFlagSF));  // 1 - 2 = all ones
  CHECK(recorder.seen[1] == Flags(kFlagCF | kFlagPF));  // 2 + 1 = 3, CF kept from the cmp
  CHECK(recorder.seen[2] == Flags(0));                  // 1: odd parity, CF cleared
}

}  // namespace goemu::emu::testing
