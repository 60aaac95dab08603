#include "trace/code_index.h"

#include "trace/event_format.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace goemu::trace {
namespace {

// Go's traceback stops at these even without the TOPFRAME flag (go1.13 does not set it).
constexpr std::array<std::string_view, 5> kTopFrameNames = {
    "runtime.goexit", "runtime.mstart", "runtime.rt0_go", "_rt0_amd64_linux", "_rt0_amd64"};

bool SavesBp(const isa::Symbol& sym) {
  // The inserted prologue stores BP into the slot just below the return address.
  return std::any_of(sym.insns.begin(), sym.insns.end(), [](const isa::Instruction& insn) {
    return insn.inserted && insn.text.starts_with("MOVQ") && insn.text.find("BP, ") != std::string::npos;
  });
}

// Parses every `name+off(FP)` in one rendered instruction. The rendered offset is from the
// hardware SP at that instruction, so the source offset is off - sp_delta - 8.
void CollectFpOperands(const isa::Instruction& insn, std::vector<ArgSlot>& out) {
  std::string_view text = insn.text;
  for (size_t at = text.find("(FP)"); at != std::string_view::npos; at = text.find("(FP)", at + 4)) {
    size_t num_end = at;
    size_t num_begin = num_end;
    while (num_begin > 0 && text[num_begin - 1] >= '0' && text[num_begin - 1] <= '9') --num_begin;
    if (num_begin == num_end || num_begin == 0) continue;
    const char sign = text[num_begin - 1];
    if (sign != '+' && sign != '-') continue;
    size_t name_begin = num_begin - 1;
    while (name_begin > 0) {
      const char c = text[name_begin - 1];
      if (c == ' ' || c == '\t' || c == ',' || c == '$' || c == '(') break;
      --name_begin;
    }
    if (name_begin == num_begin - 1) continue;
    int64_t off = 0;
    std::from_chars(text.data() + num_begin, text.data() + num_end, off);
    if (sign == '-') off = -off;
    out.push_back(ArgSlot{std::string(text.substr(name_begin, num_begin - 1 - name_begin)),
                          off - insn.sp_delta - 8});
  }
}

// The assembler renders a branch into another function as `sym(SB)`, one within the
// function as a bare target.
bool LeavesFunction(const isa::Instruction& insn) {
  const std::string_view text = insn.text;
  const bool conditional = (text.starts_with("J") && !text.starts_with("JMP")) || text.starts_with("LOOP");
  return conditional && text.find("(SB)") != std::string_view::npos;
}

}  // namespace

CodeIndex::CodeIndex(const isa::Image& image) : image_(image), cache_(new CachedPc[kCacheSize]) {
  entries_.reserve(image.insns.size());
  for (const isa::ImageInsn& insn : image.insns) {
    const isa::Instruction& src = image.symbols[insn.symbol].symbol.insns[insn.insn];
    entries_.push_back(Entry{insn.addr, insn.symbol, src.sp_delta});
  }
  top_.resize(image.symbols.size());
  bp_slot_.resize(image.symbols.size());
  for (size_t i = 0; i < image.symbols.size(); ++i) {
    const isa::Symbol& sym = image.symbols[i].symbol;
    max_name_ = std::max(max_name_, sym.name.size());
    if (sym.kind != isa::SymbolKind::kText) continue;
    top_[i] = (sym.flags & isa::kFlagTopFrame) != 0 ||
              std::find(kTopFrameNames.begin(), kTopFrameNames.end(), sym.name) != kTopFrameNames.end();
    bp_slot_[i] = SavesBp(sym);
    cond_branch_out_ = cond_branch_out_ || std::any_of(sym.insns.begin(), sym.insns.end(), LeavesFunction);
  }
}

PcInfo CodeIndex::Search(uint64_t pc) const {
  auto it = std::upper_bound(entries_.begin(), entries_.end(), pc,
                             [](uint64_t a, const Entry& e) { return a < e.addr; });
  if (it == entries_.begin()) return {};
  --it;
  if (pc >= FuncEnd(it->func)) return {};
  return PcInfo{it->func, it->sp_delta, it->addr == pc};
}

std::string_view CodeIndex::FuncName(uint32_t func) const {
  return func == kNoFunc ? std::string_view("?") : std::string_view(image_.symbols[func].symbol.name);
}

int64_t CodeIndex::ArgsSize(uint32_t func) const {
  const int64_t args = image_.symbols[func].symbol.args;
  return args == isa::kArgsUnknown || args < 0 ? 0 : args;
}

std::vector<ArgSlot> CodeIndex::ArgSlots(uint32_t func) const {
  std::vector<ArgSlot> slots;
  for (const isa::Instruction& insn : image_.symbols[func].symbol.insns) CollectFpOperands(insn, slots);
  std::sort(slots.begin(), slots.end(),
            [](const ArgSlot& a, const ArgSlot& b) { return a.off != b.off ? a.off < b.off : a.name < b.name; });
  slots.erase(std::unique(slots.begin(), slots.end(),
                          [](const ArgSlot& a, const ArgSlot& b) { return a.off == b.off && a.name == b.name; }),
              slots.end());
  return slots;
}

const isa::Instruction* CodeIndex::InsnAt(uint64_t pc) const { return image_.InsnAt(pc); }

void CodeIndex::AppendSymbolized(fmt::memory_buffer& out, uint64_t pc) const {
  const size_t at = out.size();
  out.resize(at + SymbolizedBound());
  out.resize(static_cast<size_t>(PutSymbolized(out.data() + at, pc) - out.data()));
}

char* CodeIndex::PutSymbolized(char* p, uint64_t pc) const {
  const PcInfo info = Lookup(pc);
  if (info.func == kNoFunc) return PutHex(p, pc);
  p = Put(p, FuncName(info.func));
  const uint64_t off = pc - FuncAddr(info.func);
  if (off != 0) {
    *p++ = '+';
    p = PutDec(p, off);
  }
  return p;
}

std::string CodeIndex::Symbolize(uint64_t pc) const {
  fmt::memory_buffer out;
  AppendSymbolized(out, pc);
  return fmt::to_string(out);
}

}  // namespace goemu::trace
