/* The workloads as a static Linux program, for peers that run whole
 * programs (qemu-x86_64, valgrind). Prints the workload's own run time
 * (start-up and exit excluded, as for goemu) and its checksum; callgrind
 * counts the workload's instructions with --toggle-collect on its symbol. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "workloads.h"

static double Now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: goemu_bench_peer WORKLOAD REPS\n");
    return 2;
  }
  const struct goemu_bench_workload* w = goemu_bench_find(argv[1]);
  if (w == NULL) {
    fprintf(stderr, "goemu_bench_peer: no workload %s\n", argv[1]);
    return 2;
  }
  const goemu_bench_fn fn = (goemu_bench_fn)(const void*)w->begin;
  const double start = Now();
  const uint64_t checksum = fn(strtoull(argv[2], NULL, 10));
  printf("seconds=%.6f checksum=%llu\n", Now() - start, (unsigned long long)checksum);
  return 0;
}
