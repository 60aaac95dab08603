// The table is data; this file only indexes it.
#include "isa/mnemonic_table.h"

#include <string_view>
#include <unordered_map>

namespace goemu::isa {
namespace {

constexpr MnemonicInfo kTable[] = {
#define GO_MNEMONIC(go, zydis, width, src_width, rule) \
  {#go, ZYDIS_MNEMONIC_##zydis, width, src_width, OrderRule::rule},
#include "isa/mnemonics.inc"
#undef GO_MNEMONIC
};

const std::unordered_map<std::string_view, const MnemonicInfo*>& Index() {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string_view, const MnemonicInfo*>();
    for (const MnemonicInfo& info : kTable) m->emplace(info.go_name, &info);
    return m;
  }();
  return *index;
}

}  // namespace

const MnemonicInfo* LookupMnemonic(std::string_view go_name) {
  auto it = Index().find(go_name);
  return it == Index().end() ? nullptr : it->second;
}

}  // namespace goemu::isa
