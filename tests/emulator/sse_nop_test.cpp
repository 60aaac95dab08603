// MOVD/MOVQ, 128-bit moves, PXOR/XORPS, and the instructions that do nothing
// (NOP forms, PAUSE, fences, prefetches, ENDBR64).
#include <catch2/catch.hpp>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

TEST_CASE("MOVD and MOVQ between GPRs, XMM registers and memory", "[sse]") {
  Guest g;
  for (auto& x : g.cpu().xmm) x = Xmm{~0ull, ~0ull};
  g.reg(kRax) = 0x1122334455667788;
  g.Exec("66480f6ec0");  // movq xmm0, rax
  REQUIRE(g.cpu().xmm[0] == Xmm{0x1122334455667788, 0});
  g.cpu().xmm[1] = Xmm{5, 6};
  g.Exec("66480f7ec8");  // movq rax, xmm1
  REQUIRE(g.reg(kRax) == 5);
  g.reg(kRax) = 0xffffffff12345678;
  g.Exec("660f6ed0");  // movd xmm2, eax
  REQUIRE(g.cpu().xmm[2] == Xmm{0x12345678, 0});
  g.cpu().xmm[3] = Xmm{0xaaaaaaaabbbbbbbb, 1};
  g.reg(kRax) = ~0ull;
  g.Exec("660f7ed8");  // movd eax, xmm3
  REQUIRE(g.reg(kRax) == 0xbbbbbbbb);
  g.reg(kRbx) = kData;
  g.Write64(kData, 0x77);
  g.Write64(kData + 8, 0x88);
  g.Exec("f30f7e23");  // movq xmm4, qword ptr [rbx]
  REQUIRE(g.cpu().xmm[4] == Xmm{0x77, 0});
  g.cpu().xmm[5] = Xmm{0x55, 0x66};
  g.Exec("660fd62b");  // movq qword ptr [rbx], xmm5
  REQUIRE(g.Read64(kData) == 0x55);
  REQUIRE(g.Read64(kData + 8) == 0x88);
  g.cpu().xmm[7] = Xmm{9, 10};
  g.Exec("f30f7ef7");  // movq xmm6, xmm7
  REQUIRE(g.cpu().xmm[6] == Xmm{9, 0});
}

TEST_CASE("128-bit moves, aligned and unaligned", "[sse]") {
  Guest g;
  g.Write64(kData, 0x1111111111111111);
  g.Write64(kData + 8, 0x2222222222222222);
  g.Write64(kData + 16, 0x3333333333333333);
  g.reg(kRbx) = kData + 8;
  g.Exec("f30f6f03");  // movdqu xmm0, [rbx] (unaligned is fine)
  REQUIRE(g.cpu().xmm[0] == Xmm{0x2222222222222222, 0x3333333333333333});
  g.cpu().xmm[1] = Xmm{0xa, 0xb};
  g.reg(kRbx) = kData + 0x101;
  g.Exec("f30f7f0b");  // movdqu [rbx], xmm1
  Xmm stored;
  REQUIRE(g.memory.Peek(kData + 0x101, &stored, sizeof stored));
  REQUIRE(stored == Xmm{0xa, 0xb});
  g.cpu().xmm[3] = Xmm{3, 4};
  g.Exec("0f10d3");  // movups xmm2, xmm3
  REQUIRE(g.cpu().xmm[2] == Xmm{3, 4});
  g.reg(kRbx) = kData;
  g.Exec("0f2823");  // movaps xmm4, [rbx]
  REQUIRE(g.cpu().xmm[4] == Xmm{0x1111111111111111, 0x2222222222222222});
  g.cpu().xmm[5] = Xmm{0x5, 0x6};
  g.reg(kRbx) = kData + 0x200;
  g.Exec("660f7f2b");  // movdqa [rbx], xmm5
  REQUIRE(g.Read64(kData + 0x200) == 5);
  REQUIRE(g.Read64(kData + 0x208) == 6);
}

TEST_CASE("A 16-byte load may straddle two mapped pages", "[sse]") {
  Guest g;
  g.Write64(kData + kPageSize - 8, 0xaaaa);
  g.Write64(kData + kPageSize, 0xbbbb);
  g.reg(kRbx) = kData + kPageSize - 8;
  g.Exec("f30f6f03");
  REQUIRE(g.cpu().xmm[0] == Xmm{0xaaaa, 0xbbbb});
}

TEST_CASE("PXOR and XORPS", "[sse]") {
  Guest g;
  g.cpu().xmm[0] = Xmm{1, 2};
  g.cpu().xmm[15] = Xmm{3, 4};
  g.Exec("660fefc0 450f57ff");  // pxor xmm0, xmm0; xorps xmm15, xmm15
  REQUIRE(g.cpu().xmm[0] == Xmm{0, 0});
  REQUIRE(g.cpu().xmm[15] == Xmm{0, 0});
  g.cpu().xmm[1] = Xmm{0xff00, 0x0ff0};
  g.Write64(kData, 0x0ff0);
  g.Write64(kData + 8, 0xffff);
  g.reg(kRbx) = kData;
  g.cpu().rflags = Flags(kFlagCF);
  g.Exec("660fef0b");  // pxor xmm1, [rbx]
  REQUIRE(g.cpu().xmm[1] == Xmm{0xf0f0, 0xf00f});
  REQUIRE(g.cpu().rflags == Flags(kFlagCF));
}

TEST_CASE("NOP forms, PAUSE, fences, prefetch and ENDBR64 change nothing", "[system]") {
  Guest g;
  g.reg(kRbx) = 0x10;  // prefetch of an unmapped address does not fault
  g.cpu().rflags = Flags(kFlagZF | kFlagCF);
  const CpuState before = g.cpu();
  g.Load("90 0f1f0400 2e660f1f0400 6690 f390 0faef0 0faee8 0faef8 0f1803 f30f1efa");
  const RunResult r = g.RunToEnd();
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(r.steps == 10);
  REQUIRE(g.cpu().gpr == before.gpr);
  REQUIRE(g.cpu().rflags == before.rflags);
  REQUIRE(g.cpu().xmm == before.xmm);
}

}  // namespace goemu::emu::testing
