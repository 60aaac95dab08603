// Go declarations of the runtime model's asm functions, for go vet's asmdecl check
// (check_asmdecl.sh). Pointer types only need to exist; their contents do not matter.
package rtcheck

import "unsafe"

type g struct{}
type m struct{}
type p struct{}
type gobuf struct{}
type funcval struct{}
type _defer struct{}
type stack struct{ lo, hi uintptr }

func rt0_go()
func abort()
func gosave(buf *gobuf)
func gogo(buf *gobuf)
func mcall(fn func(*g))
func systemstack_switch()
func systemstack(fn func())
func morestack()
func morestack_noctxt()
func return0()
func jmpdefer(fv *funcval, argp uintptr)
func goexit(neverCallThisFunction)

type neverCallThisFunction struct{}

func settls()
func write(fd uintptr, p unsafe.Pointer, n int32) int32
func exit(code int32)
func gettid() uint32
func stackalloc(n uint32) stack
func stackfree(stk stack)
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer
func memmove(to, from unsafe.Pointer, n uintptr)
func memclrNoHeapPointers(ptr unsafe.Pointer, n uintptr)
func nanotime() int64
func goemuTraceback(pc, sp uintptr, gp *g)
func printlock()
func printunlock()
func gwrite(b []byte)
func printstring(s string)
func printsp()
func printnl()
func printbool(v bool)
func printuint(v uint64)
func printint(v int64)
func printhex(v uint64)
func printpointer(p unsafe.Pointer)
func throw(s string)
func fatalthrow()
func badmcall(fn func(*g))
func badmcall2(fn func(*g))
func badctxt()
func badmorestackg0()
func badmorestackgsignal()
func badsystemstack()
func deferprocStack(d *_defer)
func deferproc(siz int32, fn *funcval)
func newdefer(siz int32) *_defer
func deferreturn(arg0 uintptr)
func args(c int32, v **byte)
func osinit()
func schedinit()
func mcommoninit(mp *m)
func mpreinit(mp *m)
func procresize(nprocs int32) *p
func mstart()
func mstart1()
func minit()
func save(pc, sp uintptr)
func newproc(siz int32, fn *funcval)
func newproc1(fn *funcval, argp *uint8, narg int32, callergp *g, callerpc uintptr)
func malg(stacksize int32) *g
func gostartcallfn(gobuf *gobuf, fv *funcval)
func gostartcall(buf *gobuf, fn, ctxt unsafe.Pointer)
func nilfunc()
func gfput(_p_ *p, gp *g)
func gfget(_p_ *p) *g
func casgstatus(gp *g, oldval, newval uint32)
func main()
func schedule()
func findrunnable() (gp *g, inheritTime bool)
func execute(gp *g, inheritTime bool)
func runqput(_p_ *p, gp *g, next bool)
func runqputslow(_p_ *p, gp *g, h, t uint32) bool
func runqget(_p_ *p) (gp *g, inheritTime bool)
func globrunqput(gp *g)
func globrunqget(_p_ *p, max int32) *g
func dropg()
func goexit1()
func goexit0(gp *g)
func Gosched()
func gosched_m(gp *g)
func goschedImpl(gp *g)
func newstack()
func copystack(gp *g, newsize uintptr)

// signal.s, gopanic.s (panic.go, signal_unix.go)
type _panic struct{}

func sigpanic()
func panicmem()
func panicdivide()
func panicoverflow()
func panicfloat()
func gopanic(e interface{})
func fatalpanic(msgs *_panic)
func printpanics(p *_panic)
func printpanicval(v interface{})

// proc_g.s
func allgadd(gp *g)
