/* The benchmark workloads of workloads.S, for the C and C++ harnesses. */
#ifndef GOEMU_BENCH_WORKLOADS_H
#define GOEMU_BENCH_WORKLOADS_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif
extern const uint8_t goemu_bench_call_heavy_begin[], goemu_bench_call_heavy_end[];
extern const uint8_t goemu_bench_loop_mem_begin[], goemu_bench_loop_mem_end[];
#ifdef __cplusplus
}
#endif

typedef uint64_t (*goemu_bench_fn)(uint64_t reps);

struct goemu_bench_workload {
  const char* name;
  const uint8_t* begin;
  const uint8_t* end;
};

/* The workload called name, or NULL. */
static inline const struct goemu_bench_workload* goemu_bench_find(const char* name) {
  static const struct goemu_bench_workload kWorkloads[] = {
      {"call_heavy", goemu_bench_call_heavy_begin, goemu_bench_call_heavy_end},
      {"loop_mem", goemu_bench_loop_mem_begin, goemu_bench_loop_mem_end},
  };
  for (size_t i = 0; i < sizeof kWorkloads / sizeof kWorkloads[0]; ++i) {
    if (strcmp(kWorkloads[i].name, name) == 0) return &kWorkloads[i];
  }
  return NULL;
}

#endif
