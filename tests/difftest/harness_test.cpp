// Unit tests of the differential-test harness itself: the native sandbox
// computes what the CPU computes and survives faults, the comparison finds
// and marks injected differences, and the generator builds every form.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <sstream>

#include "tests/difftest/case_generator.h"
#include "tests/difftest/case_rules.h"
#include "tests/difftest/compare.h"
#include "tests/difftest/driver.h"
#include "tests/difftest/interp_runner.h"
#include "tests/difftest/landing_pads.h"
#include "tests/difftest/native_sandbox.h"

using namespace goemu::difftest;
namespace emu = goemu::emu;

namespace {

const Form& FormNamed(std::string_view name) {
  for (const Form& form : AllForms()) {
    if (form.name == name) return form;
  }
  FAIL("no form " << name);
  throw;
}

// A hand-made case: fixed bytes, zeroed registers except those given. Raw
// bytes need not be an instance of the form (fault tests run UD2 and INT3).
TestCase MakeRawCase(std::string_view form, std::initializer_list<uint8_t> bytes) {
  TestCase test;
  test.form = &FormNamed(form);
  std::copy(bytes.begin(), bytes.end(), test.insn.begin());
  test.insn_len = static_cast<uint8_t>(bytes.size());
  test.init.gpr[emu::kRsp] = kStackTop;
  return test;
}

TestCase MakeCase(std::string_view form, std::initializer_list<uint8_t> bytes) {
  TestCase test = MakeRawCase(form, bytes);
  const auto undefined = CheckEncoding(*test.form, test.insn.data(), test.insn_len, 0);
  REQUIRE(undefined.has_value());
  test.undefined_flags = *undefined;
  return test;
}

std::string LineOf(const std::string& report, std::string_view start) {
  std::istringstream in(report);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(start, 0) == 0) return line;
  }
  return "";
}

bool Marked(const std::string& line) { return line.find(kDiffMarker) != std::string::npos; }

}  // namespace

TEST_CASE("native: add rax, rbx produces the sum and the exact flags") {
  TestCase test = MakeCase("add r64, r64", {0x48, 0x01, 0xd8});  // add rax, rbx
  test.init.gpr[emu::kRax] = 0x7fffffffffffffff;
  test.init.gpr[emu::kRbx] = 1;
  const Outcome native = RunNative({&test, 1})[0];
  CHECK_FALSE(native.fault);
  CHECK(native.regs.gpr[emu::kRax] == 0x8000000000000000);
  CHECK(native.regs.gpr[emu::kRbx] == 1);
  // 0x7f..f + 1: signed overflow, negative, carry out of bit 3, low byte 0x00 has even parity.
  CHECK((native.regs.rflags & (emu::kStatusFlags | emu::kFlagDF)) ==
        (emu::kFlagOF | emu::kFlagSF | emu::kFlagAF | emu::kFlagPF));
  CHECK(native.rip == kInsnAddr + 3);
  CHECK(Differences(test, native, RunInterpreter(test)).empty());
}

TEST_CASE("native: DF and the other status flags reach the instruction and come back") {
  TestCase test = MakeCase("clc", {0xf8});
  test.init.rflags = emu::kInitialRflags | emu::kStatusFlags | emu::kFlagDF;
  const Outcome native = RunNative({&test, 1})[0];
  CHECK((native.regs.rflags & (emu::kStatusFlags | emu::kFlagDF)) ==
        ((emu::kStatusFlags | emu::kFlagDF) & ~emu::kFlagCF));
}

TEST_CASE("native: a divide error is caught, with the registers as they were") {
  TestCase test = MakeCase("div r64", {0x48, 0xf7, 0xf3});  // div rbx
  test.init.gpr[emu::kRax] = 1234;
  test.init.gpr[emu::kRdx] = 0;
  test.init.gpr[emu::kRbx] = 0;
  const Outcome native = RunNative({&test, 1})[0];
  REQUIRE(native.fault);
  CHECK(*native.fault == emu::FaultKind::kDivideError);
  CHECK(native.rip == kInsnAddr);
  CHECK(native.regs.gpr[emu::kRax] == 1234);
  const Outcome interp = RunInterpreter(test);
  REQUIRE(interp.fault);
  CHECK(*interp.fault == emu::FaultKind::kDivideError);
  CHECK(Differences(test, native, interp).empty());
}

TEST_CASE("native: faults of every kind are contained and the batch goes on") {
  std::vector<TestCase> batch;
  batch.push_back(MakeRawCase("nop", {0x0f, 0x0b}));  // ud2
  batch.push_back(MakeRawCase("nop", {0xcc}));        // int3
  batch.push_back(MakeCase("mov r64, m64", {0x48, 0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x00}));  // mov rax, [0]
  batch.push_back(MakeCase("add r64, r64", {0x48, 0x01, 0xd8}));
  batch.back().init.gpr[emu::kRax] = 40;
  batch.back().init.gpr[emu::kRbx] = 2;
  const std::vector<Outcome> out = RunNative(batch);
  REQUIRE(out.size() == 4);
  CHECK(out[0].fault == emu::FaultKind::kInvalidOpcode);
  CHECK(out[1].fault == emu::FaultKind::kBreakpoint);
  CHECK(out[2].fault == emu::FaultKind::kUnmappedRead);
  CHECK_FALSE(out[3].fault);
  CHECK(out[3].regs.gpr[emu::kRax] == 42);
  for (const Outcome& o : out) CHECK_FALSE(o.harness_error);
}

TEST_CASE("native: stores land in the data window, jumps on their landing pad") {
  std::vector<TestCase> batch;
  batch.push_back(MakeCase("mov m64, r64", {0x48, 0x89, 0x03}));  // mov [rbx], rax
  batch[0].init.gpr[emu::kRax] = 0x1122334455667788;
  batch[0].init.gpr[emu::kRbx] = kDataWindow + 0x10;
  batch.push_back(MakeCase("jmp rel32", {0xe9, 0xfb, 0x03, 0x00, 0x00}));  // to kInsnAddr + 0x400
  const std::vector<Outcome> out = RunNative(batch);
  uint64_t stored = 0;
  std::memcpy(&stored, &out[0].data[0x10], 8);
  CHECK(stored == 0x1122334455667788);
  CHECK(out[1].rip == PadAddress(kPadFarAhead, 5));
  CHECK(Differences(batch[0], out[0], RunInterpreter(batch[0])).empty());
  CHECK(Differences(batch[1], out[1], RunInterpreter(batch[1])).empty());
}

TEST_CASE("compare: an injected register difference is found and its line marked") {
  TestCase test = MakeCase("add r64, r64", {0x48, 0x01, 0xd8});
  test.init.gpr[emu::kRbx] = 5;
  const Outcome native = RunNative({&test, 1})[0];
  Outcome wrong = native;
  wrong.regs.gpr[emu::kRbx] ^= 0x100;
  CHECK(Differences(test, native, wrong) == std::vector<std::string>{"rbx"});
  const std::string report = MismatchReport(test, "replay", native, wrong);
  CHECK(report.rfind("MISMATCH in 'add r64, r64'", 0) == 0);
  CHECK(report.find("48 01 d8") != std::string::npos);
  CHECK(report.find("add rax, rbx") != std::string::npos);
  CHECK(Marked(LineOf(report, "  rbx ")));
  CHECK(LineOf(report, "  rbx ").find("0x0000000000000105") != std::string::npos);
  CHECK_FALSE(Marked(LineOf(report, "  rax ")));
  CHECK_FALSE(Marked(LineOf(report, "  rflags ")));
  CHECK_FALSE(Marked(LineOf(report, "  rip ")));
}

TEST_CASE("compare: memory, rip, xmm and fault differences are each found") {
  TestCase test = MakeCase("add r64, r64", {0x48, 0x01, 0xd8});
  const Outcome native = RunNative({&test, 1})[0];
  Outcome wrong = native;
  wrong.data[0x123] ^= 1;
  wrong.rip += 1;
  wrong.regs.xmm[7].hi ^= 1;
  wrong.fault = emu::FaultKind::kDivideError;
  const std::vector<std::string> diffs = Differences(test, native, wrong);
  CHECK(diffs == std::vector<std::string>{"fault", "rip", "xmm7", "data+0x123"});
  const std::string report = MismatchReport(test, "replay", native, wrong);
  CHECK(Marked(LineOf(report, "  data+0x120 ")));
  CHECK(Marked(LineOf(report, "  fault ")));
}

TEST_CASE("compare: a register the host changed but the decoder says is not written is found") {
  TestCase test = MakeCase("add r64, r64", {0x48, 0x01, 0xd8});  // add rax, rbx: writes rax, rflags
  Outcome native = RunNative({&test, 1})[0];
  CHECK(Differences(test, native, native).empty());
  native.regs.gpr[emu::kRcx] ^= 1;  // as if the CPU had changed rcx too
  CHECK(Differences(test, native, native) == std::vector<std::string>{"writes rcx"});
  CHECK(MismatchReport(test, "replay", native, native).find("goemu's decoder says it may write: rax rflags\n") !=
        std::string::npos);
}

TEST_CASE("compare: only the flags Zydis calls undefined are masked") {
  TestCase test = MakeCase("mul r64", {0x48, 0xf7, 0xe3});  // mul rbx: SF ZF AF PF undefined
  test.init.gpr[emu::kRax] = 3;
  test.init.gpr[emu::kRbx] = 5;
  CHECK(test.undefined_flags == (emu::kFlagSF | emu::kFlagZF | emu::kFlagAF | emu::kFlagPF));
  const Outcome native = RunNative({&test, 1})[0];
  Outcome wrong = native;
  wrong.regs.rflags ^= emu::kFlagAF | emu::kFlagZF;
  CHECK(Differences(test, native, wrong).empty());
  wrong.regs.rflags ^= emu::kFlagCF;
  CHECK(Differences(test, native, wrong) == std::vector<std::string>{"rflags"});
  wrong = native;
  wrong.regs.rflags ^= emu::kFlagDF;
  CHECK(Differences(test, native, wrong) == std::vector<std::string>{"rflags"});
}

TEST_CASE("rules: a zero shift count leaves no flag undefined, a count of one defines OF") {
  const Form& form = FormNamed("shl r64, cl");
  const uint8_t shl_rax_cl[] = {0x48, 0xd3, 0xe0};
  CHECK(CheckEncoding(form, shl_rax_cl, 3, 5) == (emu::kFlagOF | emu::kFlagAF));
  CHECK(CheckEncoding(form, shl_rax_cl, 3, 1) == emu::kFlagAF);
  CHECK(CheckEncoding(form, shl_rax_cl, 3, 0) == 0u);
  CHECK(CheckEncoding(form, shl_rax_cl, 3, 64) == 0u);  // masked to 0 for 64-bit operands
  CHECK_FALSE(CheckEncoding(FormNamed("shl r32, cl"), shl_rax_cl, 3, 5));  // wrong width
}

TEST_CASE("generator: every form yields instances of itself, deterministically") {
  for (const Form& form : AllForms()) {
    for (uint64_t index : {0, 1, 977}) {
      const GenerateResult a = GenerateCase(form, 7, index);
      INFO(form.name << " case " << index << ": " << a.error);
      REQUIRE(a.ok());
      CHECK(CheckEncoding(form, a.test.insn.data(), a.test.insn_len, 0));
      const GenerateResult b = GenerateCase(form, 7, index);
      CHECK(std::equal(a.test.insn.begin(), a.test.insn.end(), b.test.insn.begin()));
      CHECK(a.test.init.gpr == b.test.init.gpr);
      CHECK(a.test.data == b.test.data);
    }
  }
}

TEST_CASE("driver: a short run agrees and counts what it compared") {
  DriverOptions options;
  options.cases = 300;
  options.filter = "adc r32";
  const DriverSummary summary = RunDifftest(options, nullptr);
  CHECK(summary.compared == 300);
  CHECK(summary.mismatches == 0);
  CHECK(summary.CoveredForms().size() == SelectForms("adc r32").size());
  const std::string text = FormatSummary(summary, {});
  CHECK(text.find("difftest: 300 cases, 4 forms, 0 mismatches") != std::string::npos);
}
