// Each program's key moment: where programs/NAME.frames is drawn (`goemu frames --at`).
// Programs not listed are drawn where main.main is entered.
#pragma once
#include <string_view>
#include <utility>

namespace goemu::trace::golden {

inline constexpr std::pair<std::string_view, std::string_view> kKeyMoments[] = {
    {"bootstrap", "main.main"},                   // main.main entered on g1
    {"defer", "retaddr-rewrite#1"},               // right after jmpdefer's SUBQ $5, (SP)
    {"jmpdefer", "retaddr-rewrite#1"},
    {"deferloop", "retaddr-rewrite#1"},
    {"stackgrow", "stack-grow#1"},                // the first copy, frames whole on the new stack
    {"bigframes", "stack-grow#1"},
    {"mcall", "main.park"},                       // on g0 inside the switched call
    {"systemstack", "main.onG0"},
    {"goroutine", "main.main.func1"},             // inside the new goroutine's function
    {"pingpong", "main.player"},
    {"gostmt", "main.add"},
    {"greuse", "main.w"},
    {"gosave", "main.dive"},
    {"closure", "main.asmFunTwiceClosureBody"},   // the closure body, context in DX
    {"method", "main.MyInt.Twice"},
    {"printnl", "main.printnl_nosplit"},
    {"throw", "main.check"},
};

inline std::string_view KeyMoment(std::string_view program) {
  for (const auto& [name, where] : kKeyMoments) {
    if (name == program) return where;
  }
  return "main.main";
}

}  // namespace goemu::trace::golden
