// The binary trace (`goemu run --trace=calls --format binary`): the frame tracer's events in
// a compact form written during the run and turned into text, jsonl or chrome afterwards by
// `goemu render`. A call or return takes 16 bytes instead of a ~110-byte text line, and
// costs the running machine two stores instead of the formatting. The layout is in
// docs/trace-format.md; this header holds the pieces the writer and the reader share.
#pragma once
#include <cstdint>
#include <string_view>

#include "isa/assembler.h"

namespace goemu::trace::binary {

// The file starts with this line, then the version as a varint.
inline constexpr std::string_view kMagic = "goemu binary trace\n";
inline constexpr uint64_t kVersion = 1;

// An event record starts with a tag byte: the EventKind in the low bits, and flags for the
// optional parts that follow the common fields.
inline constexpr uint8_t kKindMask = 0x0f;
inline constexpr uint8_t kGAndStack = 0x10;  // the goid and stack name changed: both follow
inline constexpr uint8_t kFrames = 0x20;     // frames were popped or pushed: the change follows
// A call that pushed one frame, entered at SP, called from the frame below it at the CALL
// itself, or a return that popped one frame to the caller's return address; on the same g
// and stack. Nearly every event is one, so its record has a fixed size and no varints, for
// the writer to put down in two stores (kPlainSize bytes, little-endian):
//   [0] tag  [1] step - previous step (1..255)  [2..3] callee (call) or the function that
//   returned (return), as FuncCode  [4..7] pc  [8..11] next_pc  [12..15] SP - previous SP
// (signed). The reader knows the rest from its frames. Events that do not fit (pcs past
// 4 GiB, a step gap over 255, ...) take the general record.
inline constexpr uint8_t kPlain = 0x40;
inline constexpr size_t kPlainSize = 16;
inline constexpr uint64_t kPlainMaxStep = 0xff;
inline constexpr uint64_t kPlainMaxFunc = 0xffff;
// The record that ends a complete trace: the tag, then the number of events as a varint.
inline constexpr uint8_t kEndTag = 0xff;

// Unsigned LEB128: seven bits a byte, low bits first; at most 10 bytes.
inline constexpr size_t kMaxVarint = 10;
inline char* PutVarint(char* p, uint64_t value) {
  // Most values an event writes take one or two bytes: those go without a loop.
  if (value < 0x80) {
    *p = static_cast<char>(value);
    return p + 1;
  }
  if (value < 0x4000) {
    p[0] = static_cast<char>(value | 0x80);
    p[1] = static_cast<char>(value >> 7);
    return p + 2;
  }
  while (value >= 0x80) {
    *p++ = static_cast<char>(value | 0x80);
    value >>= 7;
  }
  *p++ = static_cast<char>(value);
  return p;
}

// Signed values (differences) as varints: small magnitudes of either sign stay short.
inline uint64_t ZigZag(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}
inline int64_t UnZigZag(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

// A function index travels as index + 1, so kNoFunc (UINT32_MAX) is 0.
inline uint64_t FuncCode(uint32_t func) { return static_cast<uint32_t>(func + 1); }
inline uint32_t FuncFromCode(uint64_t code) { return static_cast<uint32_t>(code - 1); }

// Identifies the program a trace was recorded from: FNV-1a over the image's segments
// (addresses and bytes) and symbols (names and addresses). The reader refuses to render a
// trace against a program that assembles differently, as function indices would lie.
uint64_t ImageFingerprint(const isa::Image& image);

}  // namespace goemu::trace::binary
