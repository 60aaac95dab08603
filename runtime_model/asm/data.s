// The runtime's statically allocated state: the bootstrap g and m, the scheduler, the
// variables goemu's boot code may patch, and the funcvals asm passes as func values.
#include "go_asm.h"
#include "textflag.h"

// g0 and m0: m0's g0 runs on the process stack (rt0_go sets the bounds).
GLOBL	runtime·g0(SB), NOPTR, $g__size
GLOBL	runtime·m0(SB), NOPTR, $m__size
// The scheduler's global state (goemu's layout of the schedt fields one M and one P use).
GLOBL	runtime·sched(SB), NOPTR, $schedt__size

// allgs []*g: every g newproc1 made, in creation order (allgadd), for goroutine dumps.
GLOBL	runtime·allgs(SB), NOPTR, $24

// args() keeps argc and argv; osinit() records the CPU count.
GLOBL	runtime·argc(SB), NOPTR, $4
GLOBL	runtime·argv(SB), NOPTR, $8
GLOBL	runtime·ncpu(SB), NOPTR, $4

// Set by runtime.main once the main goroutine runs.
GLOBL	runtime·mainStarted(SB), NOPTR, $1

// newstack throws "stack overflow" when a doubled stack would exceed maxstacksize. It starts
// at 1 MiB and runtime.main raises it to goemuMaxstacksize: go1.13's 1e9 unless goemu's boot
// code patched this word to configure a different limit.
DATA	runtime·maxstacksize+0(SB)/8, $const_goemuMaxstacksizeBoot
GLOBL	runtime·maxstacksize(SB), NOPTR, $8
DATA	runtime·goemuMaxstacksize+0(SB)/8, $const_goemuMaxstacksizeMain
GLOBL	runtime·goemuMaxstacksize(SB), NOPTR, $8

// Entry of the program's main·init, or 0 when the program has none. goemu's boot code
// writes it (the linker has no weak references); runtime.main calls it when non-zero.
GLOBL	runtime·maininitPC(SB), NOPTR, $8

// Func values (a funcval with nothing captured) for code that takes a function as a value.
DATA	runtime·mainPC+0(SB)/8, $runtime·main(SB)
GLOBL	runtime·mainPC(SB), RODATA, $8
DATA	runtime·main_mainPC+0(SB)/8, $main·main(SB)
GLOBL	runtime·main_mainPC(SB), RODATA, $8
DATA	runtime·goexit0PC+0(SB)/8, $runtime·goexit0(SB)
GLOBL	runtime·goexit0PC(SB), RODATA, $8
DATA	runtime·gosched_mPC+0(SB)/8, $runtime·gosched_m(SB)
GLOBL	runtime·gosched_mPC(SB), RODATA, $8
