// Built-in headers. Values are Go's (cmd/internal/objabi, runtime/funcdata.h); the text is goemu's.
#include "isa/builtin_headers.h"

namespace goemu::isa {
namespace {

constexpr std::string_view kTextflag = R"(// Symbol attribute flags for TEXT and GLOBL (values as in Go's textflag.h).
#define NOPROF 1
#define DUPOK 2
#define NOSPLIT 4
#define RODATA 8
#define NOPTR 16
#define WRAPPER 32
#define NEEDCTXT 64
#define TLSBSS 256
#define NOFRAME 512
#define REFLECTMETHOD 1024
#define TOPFRAME 2048
#define ABIWRAPPER 4096
)";

constexpr std::string_view kFuncdata = R"(// PCDATA and FUNCDATA table numbers (values as in Go's funcdata.h).
#define PCDATA_UnsafePoint 0
#define PCDATA_StackMapIndex 1
#define PCDATA_InlTreeIndex 2
#define PCDATA_ArgLiveIndex 3
#define FUNCDATA_ArgsPointerMaps 0
#define FUNCDATA_LocalsPointerMaps 1
#define FUNCDATA_StackObjects 2
#define FUNCDATA_InlTree 3
#define FUNCDATA_OpenCodedDeferInfo 4
#define FUNCDATA_ArgInfo 5
#define FUNCDATA_ArgLiveInfo 6
#define FUNCDATA_WrapInfo 7
#define GO_ARGS FUNCDATA $FUNCDATA_ArgsPointerMaps, go_args_stackmap(SB)
#define GO_RESULTS_INITIALIZED PCDATA $PCDATA_StackMapIndex, $1
#define NO_LOCAL_POINTERS FUNCDATA $FUNCDATA_LocalsPointerMaps, no_pointers_stackmap(SB)
#define ArgsSizeUnknown 0x80000000
)";

constexpr std::string_view kGoTls = R"(// Access to the g slot in thread-local storage (as Go's go_tls.h for amd64).
#ifdef GOARCH_amd64
#define get_tls(r) MOVQ TLS, r
#define g(r) 0(r)(TLS*1)
#endif
)";

}  // namespace

std::optional<std::string> BuiltinHeader(std::string_view name) {
  if (name == "textflag.h") return std::string(kTextflag);
  if (name == "funcdata.h") return std::string(kFuncdata);
  if (name == "go_tls.h") return std::string(kGoTls);
  return std::nullopt;
}

}  // namespace goemu::isa
