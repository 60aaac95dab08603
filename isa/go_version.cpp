// Rows of the version and TLS tables. Sources: go1.13 obj6.go as restated in
// docs runtime-model.md §2.5; go1.19 /usr/share/go-1.19/src/cmd/internal/obj/x86/obj6.go
// (loadG uses REGG = R14, REGENTRYTMP0/1 = R12/R13). The gclocals names: 1.19 from
// obj/sym.go GCLocalsSym (checked with go tool asm), 1.13 as seed 001's listing prints it.
#include "isa/go_version.h"

namespace goemu::isa {
namespace {

constexpr GoVersionTraits kGo113{"1.13", 880, ZYDIS_REGISTER_RCX, ZYDIS_REGISTER_RAX,
                                 ZYDIS_REGISTER_RBX, ZYDIS_REGISTER_RDI, HugeFrameCheck::kPreemptCompare, false,
                                 "gclocals·33cdeccccebe80329f1fdbee7f5874cb", "", ""};
constexpr GoVersionTraits kGo119{"1.19", 928, ZYDIS_REGISTER_R14, ZYDIS_REGISTER_R12,
                                 ZYDIS_REGISTER_R12, ZYDIS_REGISTER_R13, HugeFrameCheck::kCarryCheck, true,
                                 "gclocals·J5F+7Qw7O7ve2QcWC7DpeQ==", " asm",
                                 " funcid=0x0 align=0x0"};

constexpr TlsModel kLinux{GoOs::kLinux, true, ZYDIS_REGISTER_FS, 0, -8};
constexpr TlsModel kWindows{GoOs::kWindows, false, ZYDIS_REGISTER_GS, 0x28, -8};

}  // namespace

const GoVersionTraits& TraitsFor(GoVersion version) {
  return version == GoVersion::kGo119 ? kGo119 : kGo113;
}

const TlsModel& TlsModelFor(GoOs goos) { return goos == GoOs::kWindows ? kWindows : kLinux; }

}  // namespace goemu::isa
