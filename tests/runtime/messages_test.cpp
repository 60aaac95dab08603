// The generated runtime_messages.s: each message is a Go string variable whose header points
// at exactly the message bytes.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "runtime_model/messages.h"

TEST_CASE("a message becomes DATA chunks of at most 8 bytes and a 16-byte string header") {
  const std::string text = goemu::rt::RuntimeMessagesAsm();
  const char* expected =
      "// \"runtime: mcall function returned\"\n"
      "DATA msgBadmcall2<>+0(SB)/8, $\"runtime:\"\n"
      "DATA msgBadmcall2<>+8(SB)/8, $\" mcall f\"\n"
      "DATA msgBadmcall2<>+16(SB)/8, $\"unction \"\n"
      "DATA msgBadmcall2<>+24(SB)/8, $\"returned\"\n"
      "GLOBL msgBadmcall2<>(SB), RODATA, $32\n"
      "DATA runtime·msgBadmcall2+0(SB)/8, $msgBadmcall2<>(SB)\n"
      "DATA runtime·msgBadmcall2+8(SB)/8, $32\n"
      "GLOBL runtime·msgBadmcall2(SB), RODATA, $16\n";
  CHECK(text.find(expected) != std::string::npos);
}

TEST_CASE("bytes outside printable ASCII are escaped") {
  const std::string text = goemu::rt::RuntimeMessagesAsm();
  CHECK(text.find("DATA msgNewline<>+0(SB)/1, $\"\\x0a\"\n") != std::string::npos);
  // The middle dot of "bad runtime·mstart" is two UTF-8 bytes; the length counts bytes.
  CHECK(text.find("DATA msgBadMstart<>+8(SB)/8, $\"ime\\xc2\\xb7mst\"\n") != std::string::npos);
  CHECK(text.find("DATA runtime·msgBadMstart+8(SB)/8, $19\n") != std::string::npos);
}

TEST_CASE("the runtime_messages.s the build generated is RuntimeMessagesAsm()") {
  std::ifstream in(GOEMU_RUNTIME_GEN_DIR "/runtime_messages.s", std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  CHECK(text.str() == goemu::rt::RuntimeMessagesAsm());
}
