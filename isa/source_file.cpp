#include "isa/source_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace goemu::isa {
namespace {

// Offset of the first byte that is not part of well-formed UTF-8 text (NUL counts as binary),
// or npos. Overlong forms and surrogates are rejected, as Go's scanner does.
size_t FirstBinaryByte(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) return i;
    if (c < 0x80) { ++i; continue; }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xbf;  // allowed range of the second byte
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) { len = 3; if (c == 0xe0) lo = 0xa0; if (c == 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; if (c == 0xf0) lo = 0x90; if (c == 0xf4) hi = 0x8f; }
    else return i;
    if (i + len > text.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xbf)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

SourceRead ReadSourceFile(const std::string& path) {
  SourceRead out;
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is rejected below anyway.
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    out.error = fmt::format("cannot open input file: {}", std::strerror(errno));
    return out;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    out.error = fmt::format("cannot open input file: {}", std::strerror(errno));
  } else if (S_ISDIR(st.st_mode)) {
    out.error = "is a directory: expected a .s file";
  } else if (!S_ISREG(st.st_mode)) {
    out.error = "not a regular file: expected a .s file";
  } else if (static_cast<uint64_t>(st.st_size) > kMaxSourceBytes) {
    out.error = fmt::format("file is {} bytes: expected at most {} (16 MiB) of assembly", st.st_size, kMaxSourceBytes);
  }
  // The size limit is enforced while reading too: files such as those in /proc report size 0.
  char buffer[65536];
  while (out.ok()) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = fmt::format("cannot read input file: {}", std::strerror(errno));
    } else if (n == 0) {
      break;
    } else if (out.text.size() + static_cast<size_t>(n) > kMaxSourceBytes) {
      out.error = fmt::format("file is over {} bytes: expected at most 16 MiB of assembly", kMaxSourceBytes);
    } else {
      out.text.append(buffer, static_cast<size_t>(n));
    }
  }
  close(fd);
  if (out.ok()) {
    if (size_t bad = FirstBinaryByte(out.text); bad != std::string_view::npos) {
      out.error = fmt::format("binary data (byte {:#04x} at offset {}): expected UTF-8 assembly text",
                              static_cast<unsigned char>(out.text[bad]), bad);
    }
  }
  if (!out.ok()) out.text.clear();
  return out;
}

}  // namespace goemu::isa
