#pragma once
// SMP_VECTOR_CLONES before a function with hot vectorised loops builds it twice, for the
// x86-64 baseline (SSE2) and for AVX2, and picks one when the program loads. AVX2 alone adds
// no fused multiply-add, so both versions round every operation alike and give the same
// pixels; only the vector width differs.

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(SMP_NO_VECTOR_CLONES)
#define SMP_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SMP_VECTOR_CLONES
#endif
