// Zydis front end: one call turns the bytes at an address into a DecodedInsn
// with its handler bound. Only the decode cache calls it, once per address.
#pragma once
#include <Zydis/Zydis.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "emulator/decoded_insn.h"
#include "emulator/threaded.h"

namespace goemu::emu {

enum class DecodeStatus : uint8_t {
  kOk,         // out is filled (its handler may report kUnsupported when run)
  kTruncated,  // the bytes end before the instruction does
  kInvalid,    // not an x86-64 instruction
};

class Decoder {
 public:
  Decoder();
  // out gets the threaded handler, step the one that runs out alone.
  DecodeStatus Decode(uint64_t pc, const uint8_t* bytes, size_t size, DecodedInsn& out, Handler& step) const;
  // Intel syntax ("add rax, rbx"), branch targets as absolute addresses.
  std::string Format(uint64_t pc, const uint8_t* bytes, size_t size) const;
  // The registers the instruction may write (cpu_state.h's RegisterWrites).
  RegisterWrites Writes(const uint8_t* bytes, size_t size) const;

 private:
  ZydisDecoder decoder_;
  ZydisFormatter formatter_;
};

// Handlers for instructions that cannot run; shared with the cache.
void ExecUnsupported(ExecContext& c, const DecodedInsn& d);
void ExecInvalidOpcode(ExecContext& c, const DecodedInsn& d);

// What a direct CALL / JMP becomes inside a block that goes on at its target
// (decode_cache.h): the CALL pushes its return address, neither touches rip.
extern const Bound kCallThrough;
extern const Bound kJumpThrough;
// RET and RET imm16, so that a block built for an observer with hooks knows a RET it can
// run as ObservedRet (threaded.h) from one that does not run at all.
extern const Bound kRet;
// The instructions go_idioms.h fuses, as they are bound.
extern const Bound kLoad64;        // MOV r64, m64
extern const Bound kStore64;       // MOV m64, r64
extern const Bound kLea64;         // LEA r64, m
extern const Bound kCmpRegMem64;   // CMP r64, m64
extern const Bound kAddRegImm64;   // ADD r64, imm
extern const Bound kSubRegImm64;   // SUB r64, imm
extern const std::array<Bound, 16> kJccs;  // Jcc rel, by condition code (EvalCondition's)
// The handler for CMP (TEST) whose handler is cmp (test) and the Jcc of condition cond after
// it, as one (exec_jcc.h's ThenBranchThreaded), for the forms Go code branches on: 64 and
// 32 bits, a register or memory compared with a register or an immediate, and some of 8
// bits; nullptr for any other.
Handler CmpThenBranch(Handler cmp, unsigned cond);
Handler TestThenBranch(Handler test, unsigned cond);
// Copy `copy` (below replicas.h's kReplicas) of a MOV or LEA handler that has copies, or
// nullptr.
Handler MoveReplica(Handler exec, unsigned copy);
// ADD and SUB r64, imm in the threaded form QuietFormOf gives them.
extern const Handler kQuietAddRegImm64;
extern const Handler kQuietSubRegImm64;
// The threaded form of a quiet instruction (threaded.h's QuietThreadedOf) whose step handler
// is step, or nullptr: ADD and SUB r64, imm, the forms of the SP adjustments the frame
// tracer calls quiet. Defined with them in exec_arith.cpp.
Handler QuietFormOf(Handler step);

}  // namespace goemu::emu
