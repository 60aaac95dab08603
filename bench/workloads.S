// Benchmark workloads as position-independent x86-64 code. The same bytes run
// natively, in goemu (copied into guest memory), in unicorn (likewise) and,
// linked into a static program, under qemu-x86_64 and valgrind.
// Each workload: rdi = repetitions; returns a checksum in rax; ends with RET;
// touches nothing but its own stack. Each is a function symbol with a size,
// so callgrind can count its instructions alone (--toggle-collect).
  .intel_syntax noprefix
  .text

// call_heavy: repeat rdi times: rax += sum(1000), where sum recurses with a
// real CALL/RET, PUSH/POP at every level (8 instructions per level).
  .globl goemu_bench_call_heavy_begin, goemu_bench_call_heavy_end
  .type goemu_bench_call_heavy_begin, @function
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
  .size goemu_bench_call_heavy_begin, goemu_bench_call_heavy_end - goemu_bench_call_heavy_begin

// loop_mem: a 512-entry table of qwords on the stack, walked rdi times; each
// step loads an entry, mixes it into the checksum, stores it back changed and
// takes a data-dependent branch (10-11 instructions per entry).
  .globl goemu_bench_loop_mem_begin, goemu_bench_loop_mem_end
  .type goemu_bench_loop_mem_begin, @function
goemu_bench_loop_mem_begin:
  push rbx
  sub rsp, 4096
  mov ecx, 512
1:                      // table[i] = i + 1, from the top down
  mov [rsp + rcx*8 - 8], rcx
  dec rcx
  jnz 1b
  xor eax, eax          // rax = checksum
2:                      // one walk over the table
  xor ecx, ecx
3:
  mov rdx, [rsp + rcx*8]
  add rax, rdx
  lea rbx, [rdx + rax]
  mov [rsp + rcx*8], rbx
  test bl, 1
  jz 4f
  xor rax, rcx
4:
  inc rcx
  cmp rcx, 512
  jne 3b
  dec rdi
  jnz 2b
  add rsp, 4096
  pop rbx
  ret
goemu_bench_loop_mem_end:
  .size goemu_bench_loop_mem_begin, goemu_bench_loop_mem_end - goemu_bench_loop_mem_begin

  .section .note.GNU-stack,"",@progbits
