// goemu::isa public API: assemble Go (Plan 9) amd64 assembly into per-symbol objects and link
// objects into an Image the interpreter can map and run.
//
// Contract (stable; other folders code against it):
//  - Assemble* never throws for bad input. Every problem becomes a Diagnostic (file:line:col,
//    the source line, what was expected). An object is usable only when ok() is true.
//  - Offsets inside an Object are relative to the start of their symbol, as `go tool asm -S`
//    prints them. Bytes covered by a relocation are zero until Link fills them in.
//  - Link lays text out from LinkOptions::text_base (0x401000) in input order, then rodata,
//    data, noptrdata, bss, each section page-aligned; every address it reports is a guest address.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace goemu::isa {

// Which Go assembler's behaviour to reproduce. The per-version facts (StackGuard, the register
// the prologue loads g into, the big-frame scratch register, ...) live in one table
// (isa/go_version.h); nothing else branches on the version.
enum class GoVersion { kGo113, kGo119 };

// Which TLS access model `MOVQ TLS, r` / `off(r)(TLS*1)` are rewritten to.
//  kLinux:   Go's 1-instruction local-exec model: `MOVQ TLS, r` emits nothing and
//            `off(r)(TLS*1)` is `FS:off-8`-relative (an R_TLS_LE relocation, resolved to -8).
//  kWindows: Go's 2-instruction model: `MOVQ TLS, r` is `MOVQ GS:0x28, r` and
//            `off(r)(TLS*k)` is `off+tls_g(r)` with a 32-bit displacement (tls_g = -8).
enum class GoOs { kLinux, kWindows };

// A position in a source file. line and col are 1-based; col 0 means "the whole line".
struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;
};

// One error. Format() renders it as
//   file:line:col: error: message
//       <source line>
//       <spaces>^
// or, for the "too many errors" line that ends an overlong list (no file), the message alone.
struct Diagnostic {
  SourceLoc loc;
  std::string message;
  std::string source_line;  // the offending line as written (after line splicing), may be empty
  std::string Format() const;
};

// Supplies the text of `#include "name"` before the -I directories are searched (the runtime
// model injects its generated go_asm.h this way). Return nullopt to fall through. goemu's own
// textflag.h, funcdata.h and go_tls.h are built in and are found after the hook and -I dirs.
using IncludeProvider = std::function<std::optional<std::string>(std::string_view name)>;

struct AssembleOptions {
  GoVersion go_version = GoVersion::kGo113;
  GoOs goos = GoOs::kLinux;
  std::string package = "main";  // what `·name` resolves to
  std::vector<std::string> include_dirs;                       // -I, searched in order
  std::vector<std::pair<std::string, std::string>> defines;    // -D NAME[=VAL]; VAL "" means "1"
  IncludeProvider include_provider;
  int max_errors = 20;  // diagnostics stop after this many per Assemble call, then "too many errors"
};

// Relocation kinds, named as Go's objabi names them so listings read the same.
enum class RelocType {
  kCall,   // R_CALL: 4-byte PC-relative target of CALL/JMP rel32
  kPcRel,  // R_PCREL: 4-byte RIP-relative memory operand or LEAQ
  kAddr,   // R_ADDR: absolute address (DATA $sym(SB), 8 bytes; or 4 bytes)
  kTlsLe,  // R_TLS_LE: 4-byte FS-relative offset of the g slot (always -8 on goemu)
};
std::string_view RelocTypeName(RelocType type);  // "R_CALL", "R_PCREL", "R_ADDR", "R_TLS_LE"

struct Reloc {
  uint32_t off = 0;   // of the field, relative to the start of the symbol
  uint8_t size = 4;   // field width in bytes
  RelocType type = RelocType::kCall;
  std::string sym;    // target symbol (linker name, e.g. "runtime.morestack_noctxt")
  int64_t addend = 0; // added to the target; for PC-relative kinds also the distance from
                      // the end of the field to the end of the instruction, negated
};

// One emitted instruction, including the ones the assembler inserts (prologue, epilogue,
// stack-split stub) and zero-byte pseudo-instructions (NOP, PCDATA, FUNCDATA, TLS loads that
// the linux model drops).
struct Instruction {
  uint32_t off = 0;           // relative to the symbol
  std::vector<uint8_t> bytes; // empty for zero-byte pseudo-instructions
  std::string text;           // Go syntax after rewriting, e.g. "MOVQ a+8(FP), AX"
  SourceLoc loc;              // the line it came from (inserted code: the TEXT line)
  bool inserted = false;      // true when the assembler, not the source, produced it
  // Bytes between the entry SP (which points at the return address) and SP just before this
  // instruction executes: the frame allocation plus PUSHes plus explicit ADDQ/SUBQ $imm, SP.
  int32_t sp_delta = 0;
  std::vector<std::string> fp_args;  // names of `name+off(FP)` operands this instruction uses
};

enum class SymbolKind { kText, kRodata, kData, kNoptrData, kBss, kNoptrBss };

// textflag.h values (same numbers as Go).
inline constexpr uint32_t kFlagNoProf = 1;
inline constexpr uint32_t kFlagDupOk = 2;
inline constexpr uint32_t kFlagNoSplit = 4;
inline constexpr uint32_t kFlagRodata = 8;
inline constexpr uint32_t kFlagNoPtr = 16;
inline constexpr uint32_t kFlagWrapper = 32;
inline constexpr uint32_t kFlagNeedCtxt = 64;
inline constexpr uint32_t kFlagTlsBss = 256;
inline constexpr uint32_t kFlagNoFrame = 512;
inline constexpr uint32_t kFlagReflectMethod = 1024;
inline constexpr uint32_t kFlagTopFrame = 2048;
inline constexpr uint32_t kFlagAbiWrapper = 4096;

struct Symbol {
  std::string name;  // linker name: "main.f", "runtime.gogo"; file-static ones end in "<>"
  SymbolKind kind = SymbolKind::kText;
  uint32_t flags = 0;      // declared flags, plus kFlagNoSplit when the assembler made it a leaf
  int64_t frame = 0;       // emitted frame size (declared frame + the BP slot, if any)
  int64_t args = 0;        // declared argument size; kArgsUnknown when the TEXT gave none
  uint64_t size = 0;       // bytes of code, or the GLOBL size
  std::vector<Instruction> insns;   // text symbols only
  std::vector<uint8_t> data;        // data symbols: initial contents (size bytes; empty for bss)
  std::vector<Reloc> relocs;
  SourceLoc loc;                    // the TEXT / GLOBL line
};
inline constexpr int64_t kArgsUnknown = 0x80000000;  // `go tool asm -S` prints args=0xffffffff80000000

struct Object {
  std::vector<Symbol> symbols;  // in source order (TEXT symbols, then data symbols)
};

struct AssembleResult {
  Object object;
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

// Assembles the files together (one package); `·name` resolves to options.package.
AssembleResult AssembleFiles(const std::vector<std::string>& paths, const AssembleOptions& options);
// Same for in-memory text; `file_name` is what diagnostics and line tables report.
AssembleResult AssembleSource(std::string_view file_name, std::string_view text,
                              const AssembleOptions& options);

// ---- Linking -------------------------------------------------------------------------------

struct Segment {
  std::string name;       // ".text", ".rodata", ".data", ".noptrdata", ".bss"
  uint64_t addr = 0;
  uint64_t mem_size = 0;  // bytes mapped; bytes.size() <= mem_size, the rest is zero
  std::vector<uint8_t> bytes;
  bool writable = false;
  bool executable = false;
};

struct ImageInsn {
  uint64_t addr = 0;
  uint32_t size = 0;
  uint32_t symbol = 0;  // index into Image::symbols
  uint32_t insn = 0;    // index into that symbol's Instruction list (text, loc, sp_delta, fp_args)
};

struct ImageSymbol {
  Symbol symbol;      // as assembled, relocations already applied to its bytes
  uint64_t addr = 0;
};

struct Image {
  std::vector<Segment> segments;
  std::vector<ImageSymbol> symbols;   // sorted by address
  std::vector<ImageInsn> insns;       // every instruction with bytes, sorted by address
  uint64_t entry = 0;                 // address of LinkOptions::entry (0 when absent)

  const ImageSymbol* FindSymbol(std::string_view name) const;
  const ImageSymbol* SymbolAt(uint64_t addr) const;    // the symbol whose [addr, addr+size) holds addr
  // The instruction starting at pc (nullptr when pc is not an instruction boundary).
  const Instruction* InsnAt(uint64_t pc) const;
};

struct LinkOptions {
  uint64_t text_base = 0x401000;
  std::string entry = "_rt0_amd64_linux";  // linker name of the entry symbol
  bool require_entry = false;              // report a diagnostic if the entry is missing
};

struct LinkResult {
  Image image;
  std::vector<Diagnostic> diagnostics;  // e.g. undefined symbol, duplicate symbol
  bool ok() const { return diagnostics.empty(); }
};

LinkResult Link(const std::vector<Object>& objects, const LinkOptions& options);

// ---- Listings ------------------------------------------------------------------------------

// The `go tool asm -S` format: per symbol a header
//   "".f STEXT nosplit size=29 args=0x18 locals=0x10
// then one line per instruction "\t0x0000 00000 (file.s:5)\tTEXT\t..." and a hex dump with
// relocations. Current-package symbols are printed with Go's `"".` prefix.
std::string FormatListing(const Object& object, const AssembleOptions& options);

// The JSON interface used by tools and the golden corpus:
// {"symbols":[{"name","size","frame","args","flags","insns":[{"off","hex","text","line"}],
//              "relocs":[{"off","size","type","sym"}]}]}
// name is the linker name ("main.f"); hex is lowercase without spaces ("" for zero-byte insns);
// line is the 1-based source line; args is -1 when unknown; flags is the numeric textflag value.
std::string FormatJson(const Object& object);

}  // namespace goemu::isa
