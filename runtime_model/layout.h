// goemu::rt layout view: the go1.13 runtime struct layouts and constants, as constexpr data
// generated from runtime_model/layout.inc and runtime_model/constants.inc (the single source
// of truth; go_asm.h comes from the same tables, see go_asm_h.h).
//
// Compile-time use (a typo is a compile error, nothing is written twice):
//   constexpr uint64_t kSchedSp = rt::Offset("g.sched.sp");      // 56
//   constexpr uint64_t kGuard = rt::Const("_StackGuard");        // 880
//   constexpr uint64_t kGSize = rt::SizeOf("g");                 // 376
// Run-time use (tools, the tracer): FindField / FindStruct / FindConst / TryOffset, which
// report absence as an empty optional.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace goemu::rt {

enum class LayoutOrigin {
  kGo113,        // go1.13's offsets and size
  kGo113Prefix,  // go1.13's offsets for the listed fields; go1.13's struct is larger
  kGoemu,        // goemu's own layout, read only by the runtime model's asm
};

struct StructInfo {
  std::string_view name;
  uint64_t size;
  LayoutOrigin origin;
};

struct FieldInfo {
  std::string_view owner;  // the struct this field belongs to
  std::string_view name;
  uint64_t offset;
  uint64_t size;
  std::string_view type;  // Go spelling; names a StructInfo when the field is a nested struct
};

enum class ConstGroup {
  kStack,     // stack sizes and guards
  kStatus,    // g and p status values
  kSched,     // scheduler parameters
  kTextflag,  // textflag.h values (not in go_asm.h)
  kSyscall,   // Linux system call numbers and arguments
  kService,   // goemu host-service numbers (>= 0x10000)
};

struct ConstInfo {
  std::string_view name;
  uint64_t value;  // two's complement for Go's negative-as-uintptr constants
  ConstGroup group;
};

inline constexpr StructInfo kStructs[] = {
#define GOEMU_STRUCT(name, size, origin) {#name, size, LayoutOrigin::origin},
#define GOEMU_FIELD(owner, name, offset, size, type)
#include "runtime_model/layout.inc"
#undef GOEMU_STRUCT
#undef GOEMU_FIELD
};

inline constexpr FieldInfo kFields[] = {
#define GOEMU_STRUCT(name, size, origin)
#define GOEMU_FIELD(owner, name, offset, size, type) {#owner, #name, offset, size, type},
#include "runtime_model/layout.inc"
#undef GOEMU_STRUCT
#undef GOEMU_FIELD
};

inline constexpr ConstInfo kConsts[] = {
#define GOEMU_CONST(name, value, group) {#name, value, ConstGroup::group},
#include "runtime_model/constants.inc"
#undef GOEMU_CONST
};

constexpr std::optional<StructInfo> FindStruct(std::string_view name) {
  for (const StructInfo& s : kStructs) {
    if (s.name == name) return s;
  }
  return std::nullopt;
}

constexpr std::optional<FieldInfo> FindField(std::string_view owner, std::string_view name) {
  for (const FieldInfo& f : kFields) {
    if (f.owner == owner && f.name == name) return f;
  }
  return std::nullopt;
}

constexpr std::optional<ConstInfo> FindConst(std::string_view name) {
  for (const ConstInfo& c : kConsts) {
    if (c.name == name) return c;
  }
  return std::nullopt;
}

// Offset of a dotted path "struct.field[.field...]", walking into nested structs through the
// field's type ("m.morebuf.pc" = m_morebuf + gobuf_pc = 16).
constexpr std::optional<uint64_t> TryOffset(std::string_view path) {
  size_t dot = path.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view owner = path.substr(0, dot);
  std::string_view rest = path.substr(dot + 1);
  uint64_t offset = 0;
  while (true) {
    dot = rest.find('.');
    std::optional<FieldInfo> field = FindField(owner, rest.substr(0, dot));
    if (!field) return std::nullopt;
    offset += field->offset;
    if (dot == std::string_view::npos) return offset;
    owner = field->type;
    rest = rest.substr(dot + 1);
  }
}

// Compile-time lookups: an unknown name makes the throw reachable, which is ill-formed in a
// constant expression, so the build stops at the use.
consteval uint64_t Offset(std::string_view path) {
  std::optional<uint64_t> offset = TryOffset(path);
  if (!offset) throw "goemu::rt::Offset: no such field path in layout.inc";
  return *offset;
}

consteval uint64_t SizeOf(std::string_view name) {
  std::optional<StructInfo> s = FindStruct(name);
  if (!s) throw "goemu::rt::SizeOf: no such struct in layout.inc";
  return s->size;
}

consteval uint64_t Const(std::string_view name) {
  std::optional<ConstInfo> c = FindConst(name);
  if (!c) throw "goemu::rt::Const: no such constant in constants.inc";
  return c->value;
}

// The fields of one struct, in table (= offset) order.
std::span<const FieldInfo> FieldsOf(std::string_view owner);

}  // namespace goemu::rt
