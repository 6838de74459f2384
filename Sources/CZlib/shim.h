#pragma once
#include <zlib.h>

/// inflateInit2 is a macro; 15 + 32 lets zlib detect a gzip or zlib header itself.
static inline int motcua_inflate_init(z_stream *stream) { return inflateInit2(stream, 15 + 32); }

/// deflateInit2 is a macro; 15 + 16 writes a gzip header (modification time 0, so the same input
/// gives the same bytes). For `motcua generate`'s compressed sync archives.
static inline int motcua_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
