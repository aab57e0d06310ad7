// Which build of the combat loops this machine can run (see guarantor_cpu.h).
// CPUID says what the processor has; XGETBV says whether the operating system
// saves the wider registers on a context switch, without which they cannot
// be used. Header-only intrinsics: no runtime library is needed.
#include "guarantor_cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static unsigned long long read_xcr0(void) {
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}

static int has(unsigned int reg, int bit) { return (reg >> bit) & 1u; }

int guarantor_vector_level(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int osxsave = has(c, 27);
    int haswell = has(c, 12) /* FMA */ && has(c, 22) /* MOVBE */ && has(c, 28) /* AVX */ && has(c, 29) /* F16C */
                  && has(c, 23) /* POPCNT */ && has(c, 19) /* SSE4.1 */ && has(c, 20) /* SSE4.2 */ && has(c, 9) /* SSSE3 */;
    if (!osxsave || !haswell) return 0;
    unsigned long long xcr0 = read_xcr0();
    if ((xcr0 & 0x6) != 0x6) return 0;                      // SSE and AVX state
    unsigned int maxLeaf = __get_cpuid_max(0, 0);
    if (maxLeaf < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    unsigned int ebx7 = b;
    if (!(has(ebx7, 3) /* BMI1 */ && has(ebx7, 5) /* AVX2 */ && has(ebx7, 8) /* BMI2 */)) return 0;
    if (!__get_cpuid(0x80000001, &a, &b, &c, &d) || !has(c, 5) /* LZCNT */) return 0;
    int avx512 = has(ebx7, 16) /* F */ && has(ebx7, 17) /* DQ */ && has(ebx7, 19) /* ADX */ && has(ebx7, 28) /* CD */
                 && has(ebx7, 30) /* BW */ && has(ebx7, 31) /* VL */;
    if (avx512 && (xcr0 & 0xE0) == 0xE0) return 3;          // opmask, ZMM_Hi256, Hi16_ZMM state
    return 2;
}
#else
int guarantor_vector_level(void) { return 0; }
#endif
