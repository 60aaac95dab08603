#include "tests/difftest/form_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace goemu::difftest {

namespace {

struct RawForm {
  ZydisMnemonic mnemonic;
  std::string_view operands;
  Prefix prefix;
};

constexpr Prefix NONE = Prefix::kNone;
constexpr Prefix LOCK = Prefix::kLock;
constexpr Prefix REP = Prefix::kRep;
constexpr Prefix REPE = Prefix::kRepe;
constexpr Prefix REPNE = Prefix::kRepne;

constexpr RawForm kRawForms[] = {
#define F(mnemonic, operands, prefix) {ZYDIS_MNEMONIC_##mnemonic, operands, prefix},
#include "tests/difftest/forms.inc"
#undef F
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

unsigned ParseBits(std::string_view token, size_t skip) {
  return static_cast<unsigned>(std::stoul(std::string(token.substr(skip))));
}

OperandSpec ParseOperand(std::string_view token) {
  if (token == "h8") return {OperandKind::kHighReg, 8};
  if (token == "one") return {OperandKind::kOne, 8};
  if (token == "cl") return {OperandKind::kCl, 8};
  if (token == "c8") return {OperandKind::kCount, 8};
  if (token == "u16") return {OperandKind::kImm, 16};
  if (token == "xmm") return {OperandKind::kXmm, 128};
  if (token.starts_with("rel")) return {OperandKind::kRel, static_cast<uint16_t>(ParseBits(token, 3))};
  if (token.starts_with("fill")) return {OperandKind::kFill, static_cast<uint16_t>(ParseBits(token, 4))};
  const auto bits = static_cast<uint16_t>(ParseBits(token, 1));
  switch (token[0]) {
    case 'r': return {OperandKind::kReg, bits};
    case 'm': return {OperandKind::kMem, bits};
    case 'i': return {OperandKind::kImm, bits};
  }
  throw std::invalid_argument(fmt::format("forms.inc: bad operand kind '{}'", token));
}

// Operand size of string and conversion instructions, from the mnemonic's last letter.
unsigned ImplicitWidth(ZydisMnemonic mnemonic) {
  switch (mnemonic) {
    case ZYDIS_MNEMONIC_CBW: case ZYDIS_MNEMONIC_CWD: return 16;
    case ZYDIS_MNEMONIC_CWDE: case ZYDIS_MNEMONIC_CDQ: return 32;
    case ZYDIS_MNEMONIC_CDQE: case ZYDIS_MNEMONIC_CQO: return 64;
    default: break;
  }
  const std::string_view name = ZydisMnemonicGetString(mnemonic);
  const bool string_op = name.size() == 5 && (name.starts_with("MOVS") || name.starts_with("STOS") ||
                                               name.starts_with("LODS") || name.starts_with("CMPS") ||
                                               name.starts_with("SCAS"));
  if (string_op) {
    switch (name.back()) {
      case 'B': return 8;
      case 'W': return 16;
      case 'D': return 32;
      case 'Q': return 64;
    }
  }
  return 64;  // stack, flag and control-transfer instructions
}

std::string_view PrefixName(Prefix prefix) {
  switch (prefix) {
    case Prefix::kNone: return "";
    case Prefix::kLock: return "lock ";
    case Prefix::kRep: return "rep ";
    case Prefix::kRepe: return "repe ";
    case Prefix::kRepne: return "repne ";
  }
  return "";
}

std::string OperandName(const OperandSpec& op) {
  switch (op.kind) {
    case OperandKind::kReg: return fmt::format("r{}", op.bits);
    case OperandKind::kHighReg: return "h8";
    case OperandKind::kMem: return fmt::format("m{}", op.bits);
    case OperandKind::kImm: return fmt::format("imm{}", op.bits);
    case OperandKind::kCount: return "count8";
    case OperandKind::kOne: return "1";
    case OperandKind::kCl: return "cl";
    case OperandKind::kRel: return fmt::format("rel{}", op.bits);
    case OperandKind::kXmm: return "xmm";
    case OperandKind::kFill: return fmt::format("({} bytes)", op.bits);
  }
  return "?";
}

Form BuildForm(const RawForm& raw) {
  Form form{"", raw.mnemonic, raw.prefix, {}, 0};
  std::string_view rest = raw.operands;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    form.operands.push_back(ParseOperand(rest.substr(0, comma)));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  form.width = ImplicitWidth(raw.mnemonic);
  for (const OperandSpec& op : form.operands) {
    const bool sized = op.kind == OperandKind::kReg || op.kind == OperandKind::kHighReg ||
                       op.kind == OperandKind::kMem || op.kind == OperandKind::kXmm;
    if (sized) {
      form.width = op.bits;
      break;
    }
  }
  form.name = fmt::format("{}{}", PrefixName(raw.prefix), Lower(ZydisMnemonicGetString(raw.mnemonic)));
  for (size_t i = 0; i < form.operands.size(); ++i) {
    form.name += fmt::format("{}{}", i == 0 ? " " : ", ", OperandName(form.operands[i]));
  }
  return form;
}

}  // namespace

std::span<const Form> AllForms() {
  static const std::vector<Form> forms = [] {
    std::vector<Form> out;
    for (const RawForm& raw : kRawForms) out.push_back(BuildForm(raw));
    return out;
  }();
  return forms;
}

std::vector<const Form*> SelectForms(std::string_view filter) {
  const std::string needle = Lower(filter);
  std::vector<const Form*> out;
  for (const Form& form : AllForms()) {
    if (needle.empty() || form.name.find(needle) != std::string::npos) out.push_back(&form);
  }
  return out;
}

std::string FormatFormList(std::span<const Form* const> forms, size_t columns) {
  std::string out;
  size_t line = 0;
  for (const Form* form : forms) {
    const std::string item = form->name + ";";
    if (line > 0 && line + 1 + item.size() > columns) {
      out += '\n';
      line = 0;
    }
    if (line > 0) {
      out += ' ';
      ++line;
    }
    out += item;
    line += item.size();
  }
  if (!out.empty()) out += '\n';
  return out;
}

}  // namespace goemu::difftest
