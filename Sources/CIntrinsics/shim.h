#pragma once

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Compiler built-ins and vector instructions Swift has no spelling for (header only: nothing
/// to link). Swift's SIMD types compare 16 bytes at once, but cannot turn the result into one
/// bit per byte (x86's movemask), which is what finding the next delimiter needs.

/// Asks for the cache line at `address` ahead of its use; never faults, whatever the address.
/// The ingest merge looks each row's dossier id up in a table far larger than the caches, and
/// knows the rows' hashes a block ahead (issue 16: the look-up's cache miss was most of the
/// merge, ingest's one sequential part).
static inline void motcua_prefetch(const void *_Nullable address) {
    if (address) __builtin_prefetch(address, 0, 3);
}

/// Bit k set where p[k] is a, b or c, for the 64 bytes from p (all of them readable).
/// The CSV reader finds its fields' ends from these masks: with SSE2 (every x86-64), 64 bytes
/// take four loads, twelve compares and four movemasks, where eight bytes at a time in Swift
/// (SWAR) paid a loop turn per field and per eight bytes (issue 16: the record scan was the
/// largest single cost of a long-row ingest). Elsewhere a plain loop gives the same bits.
static inline uint64_t motcua_mask3_64(const uint8_t *_Nonnull p, uint8_t a, uint8_t b, uint8_t c) {
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    uint64_t m = 0;
    for (int k = 0; k < 4; k++) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        const __m128i e =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
        m |= (uint64_t)(uint32_t)_mm_movemask_epi8(e) << (16 * k);
    }
    return m;
#else
    uint64_t m = 0;
    for (int k = 0; k < 64; k++) {
        const uint8_t x = p[k];
        if (x == a || x == b || x == c) m |= (uint64_t)1 << k;
    }
    return m;
#endif
}
