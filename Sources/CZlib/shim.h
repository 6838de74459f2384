#pragma once
#include <zlib.h>

/// inflateInit2 is a macro; 15 + 32 lets zlib detect a gzip or zlib header itself.
static inline int motcua_inflate_init(z_stream *stream) { return inflateInit2(stream, 15 + 32); }
