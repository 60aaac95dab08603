/* The unicorn 2 peer: the same workload bytes mapped into unicorn's x86-64
 * CPU, run to their return address with a UC_HOOK_CODE hook on every
 * instruction (the way one would watch each instruction with unicorn). The
 * hook counts instructions; with --read-reg it also reads RSP, as a frame
 * watcher must. Prints the count, the run time and the checksum, which
 * bench/run compares with goemu's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicorn/unicorn.h>

#include "workloads.h"

enum {
  kCodeBase = 0x401000,
  kStackTop = 0x7ff00000,
  kStackSize = 1 << 20,
  kReturnTrap = 0x7fff0000,
};

struct HookState {
  uint64_t count;
  uint64_t rsp_sum; /* keeps the register read from being optimised away */
};

static void CountHook(uc_engine* uc, uint64_t address, uint32_t size, void* user) {
  (void)uc, (void)address, (void)size;
  ((struct HookState*)user)->count++;
}

static void CountAndReadHook(uc_engine* uc, uint64_t address, uint32_t size, void* user) {
  (void)address, (void)size;
  struct HookState* state = user;
  uint64_t rsp;
  uc_reg_read(uc, UC_X86_REG_RSP, &rsp);
  state->count++;
  state->rsp_sum += rsp;
}

static void Check(uc_err err, const char* what) {
  if (err != UC_ERR_OK) {
    fprintf(stderr, "unicorn_bench: %s: %s\n", what, uc_strerror(err));
    exit(1);
  }
}

static double Now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: goemu_bench_unicorn WORKLOAD REPS [--read-reg]\n");
    return 2;
  }
  const struct goemu_bench_workload* w = goemu_bench_find(argv[1]);
  if (w == NULL) {
    fprintf(stderr, "unicorn_bench: no workload %s\n", argv[1]);
    return 2;
  }
  const uint64_t reps = strtoull(argv[2], NULL, 10);
  const int read_reg = argc > 3 && strcmp(argv[3], "--read-reg") == 0;
  const size_t size = (size_t)(w->end - w->begin);

  uc_engine* uc;
  Check(uc_open(UC_ARCH_X86, UC_MODE_64, &uc), "uc_open");
  Check(uc_mem_map(uc, kCodeBase, (size + 0xfff) & ~(size_t)0xfff, UC_PROT_READ | UC_PROT_EXEC), "map text");
  Check(uc_mem_write(uc, kCodeBase, w->begin, size), "write text");
  Check(uc_mem_map(uc, kStackTop - kStackSize, kStackSize, UC_PROT_READ | UC_PROT_WRITE), "map stack");
  uint64_t rsp = kStackTop - 64;
  const uint64_t trap = kReturnTrap;
  Check(uc_mem_write(uc, rsp, &trap, sizeof trap), "write return address");
  Check(uc_reg_write(uc, UC_X86_REG_RSP, &rsp), "rsp");
  Check(uc_reg_write(uc, UC_X86_REG_RDI, &reps), "rdi");

  struct HookState state = {0, 0};
  uc_hook hook;
  Check(uc_hook_add(uc, &hook, UC_HOOK_CODE, read_reg ? (void*)CountAndReadHook : (void*)CountHook, &state, 1,
                    0),
        "hook");
  const double start = Now();
  Check(uc_emu_start(uc, kCodeBase, kReturnTrap, 0, 0), "run");
  const double seconds = Now() - start;
  uint64_t checksum;
  Check(uc_reg_read(uc, UC_X86_REG_RAX, &checksum), "rax");
  printf("insns=%llu seconds=%.6f mips=%.1f checksum=%llu\n", (unsigned long long)state.count, seconds,
         state.count / seconds / 1e6, (unsigned long long)checksum);
  uc_close(uc);
  return 0;
}
