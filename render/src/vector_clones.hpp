#pragma once
// SMP_VECTOR_CLONES before a function with hot vectorised loops builds it three times, for
// the x86-64 baseline (SSE2), AVX2 and AVX-512, and picks one when the program loads. The
// files that use it are built with -ffp-contract=off (render/CMakeLists.txt): no fused
// multiply-add is formed where the wider targets offer one, so every version rounds every
// operation alike and gives the same pixels; only the vector width differs.
// SMP_SHORT_ROW_VECTOR_CLONES leaves AVX-512 out, for loops over rows of a dozen values (a
// splat's kernel): there the wider vectors only lengthen the remainder, and the AVX2 build runs
// faster.

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(SMP_NO_VECTOR_CLONES)
#define SMP_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#define SMP_SHORT_ROW_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SMP_VECTOR_CLONES
#define SMP_SHORT_ROW_VECTOR_CLONES
#endif
