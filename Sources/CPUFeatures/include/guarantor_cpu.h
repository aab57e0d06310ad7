#ifndef GUARANTOR_CPU_H
#define GUARANTOR_CPU_H

/// The widest vector instruction set this CPU and operating system run that
/// Guarantor has a build of its combat loops for:
/// 0 = baseline (SSE2 on x86-64, or any other architecture),
/// 2 = the Haswell set (AVX2, FMA, BMI1/2, F16C, MOVBE, LZCNT),
/// 3 = the Skylake-AVX512 set (the Haswell set plus AVX-512 F/CD/BW/DQ/VL and ADX).
int guarantor_vector_level(void);

#endif
