// Enters the instruction under test with a complete register image and
// catches it again at a landing pad. The C++ side (native_sandbox.cpp) fills
// the harness page; see sandbox_layout.h for the slots.
//
//   void goemu_difftest_enter(void);  // returns after a landing pad was reached
//
// Between entering and saving, every GPR, RFLAGS and every XMM register belong
// to the test, so both routines address memory only through absolute 32-bit
// displacements and restore the host stack from a slot.
#include "tests/difftest/sandbox_layout.h"

#define IN_GPR(n) (DIFFTEST_IN_REGS + 8 * (n))
#define OUT_GPR(n) (DIFFTEST_OUT_REGS + 8 * (n))

        .text
        .globl goemu_difftest_enter
        .type goemu_difftest_enter, @function
goemu_difftest_enter:
        push %rbx                       // SysV callee-saved registers
        push %rbp
        push %r12
        push %r13
        push %r14
        push %r15
        mov %rsp, DIFFTEST_HOST_RSP
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        movdqu DIFFTEST_IN_REGS + DIFFTEST_REGS_XMM + 16 * \n, %xmm\n
        .endr
        pushq DIFFTEST_IN_REGS + DIFFTEST_REGS_RFLAGS
        popfq                           // from here on no instruction may touch flags
        mov IN_GPR(0), %rax
        mov IN_GPR(1), %rcx
        mov IN_GPR(2), %rdx
        mov IN_GPR(3), %rbx
        mov IN_GPR(5), %rbp
        mov IN_GPR(6), %rsi
        mov IN_GPR(7), %rdi
        mov IN_GPR(8), %r8
        mov IN_GPR(9), %r9
        mov IN_GPR(10), %r10
        mov IN_GPR(11), %r11
        mov IN_GPR(12), %r12
        mov IN_GPR(13), %r13
        mov IN_GPR(14), %r14
        mov IN_GPR(15), %r15
        mov IN_GPR(4), %rsp             // the test's stack, last
        jmp *DIFFTEST_ENTRY_SLOT
        .size goemu_difftest_enter, . - goemu_difftest_enter

// Reached from a landing pad by `jmp *DIFFTEST_SAVE_SLOT`.
        .globl goemu_difftest_save
        .type goemu_difftest_save, @function
goemu_difftest_save:
        mov %rax, OUT_GPR(0)
        mov %rcx, OUT_GPR(1)
        mov %rdx, OUT_GPR(2)
        mov %rbx, OUT_GPR(3)
        mov %rsp, OUT_GPR(4)
        mov %rbp, OUT_GPR(5)
        mov %rsi, OUT_GPR(6)
        mov %rdi, OUT_GPR(7)
        mov %r8, OUT_GPR(8)
        mov %r9, OUT_GPR(9)
        mov %r10, OUT_GPR(10)
        mov %r11, OUT_GPR(11)
        mov %r12, OUT_GPR(12)
        mov %r13, OUT_GPR(13)
        mov %r14, OUT_GPR(14)
        mov %r15, OUT_GPR(15)
        mov DIFFTEST_HOST_RSP, %rsp     // host stack again: pushfq may use it
        pushfq
        popq DIFFTEST_OUT_REGS + DIFFTEST_REGS_RFLAGS
        cld                             // the ABI requires DF clear in C code
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        movdqu %xmm\n, DIFFTEST_OUT_REGS + DIFFTEST_REGS_XMM + 16 * \n
        .endr
        pop %r15
        pop %r14
        pop %r13
        pop %r12
        pop %rbp
        pop %rbx
        ret
        .size goemu_difftest_save, . - goemu_difftest_save

        .section .note.GNU-stack, "", @progbits
