// Benchmark workloads as position-independent x86-64 code. The same bytes run
// natively (the reference) and, copied into guest memory, in goemu.
// Each workload: rdi = repetitions; returns a checksum in rax; ends with RET.
  .intel_syntax noprefix
  .text

// call_heavy: repeat rdi times: rax += sum(1000), where sum recurses with a
// real CALL/RET, PUSH/POP at every level (~7 instructions per level).
  .globl goemu_bench_call_heavy_begin, goemu_bench_call_heavy_end
goemu_bench_call_heavy_begin:
  push rbx
  push r12
  mov r12, rdi          // r12 = repetitions left
  xor ebx, ebx          // rbx = checksum
1:
  mov edi, 1000
  call 2f
  add rbx, rax
  dec r12
  jnz 1b
  mov rax, rbx
  pop r12
  pop rbx
  ret
2:                      // sum(rdi) = rdi + sum(rdi - 1), sum(0) = 0
  test rdi, rdi
  jz 3f
  push rdi
  dec rdi
  call 2b
  pop rdi
  add rax, rdi
  ret
3:
  xor eax, eax
  ret
goemu_bench_call_heavy_end:

  .section .note.GNU-stack,"",@progbits
