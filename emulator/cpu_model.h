// The fixed CPU goemu presents to guests through CPUID and RDTSC. The same
// answers on every host, so guest feature detection (Go's internal/cpu) and
// timing take the same paths everywhere. docs/cpu-model.md lists the model.
#pragma once
#include <cstdint>

namespace goemu::emu {

struct CpuidResult {
  uint32_t eax = 0;
  uint32_t ebx = 0;
  uint32_t ecx = 0;
  uint32_t edx = 0;
};

CpuidResult QueryCpuid(uint32_t leaf, uint32_t subleaf);

// RDTSC's value after `retired` instructions: exactly that count.
inline uint64_t TimeStampCounter(uint64_t retired) { return retired; }

}  // namespace goemu::emu
