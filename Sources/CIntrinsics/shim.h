#pragma once

/// Compiler built-ins Swift has no spelling for (header only: nothing to link).

/// Asks for the cache line at `address` ahead of its use; never faults, whatever the address.
/// The ingest merge looks each row's dossier id up in a table far larger than the caches, and
/// knows the rows' hashes a block ahead (issue 16: the look-up's cache miss was most of the
/// merge, ingest's one sequential part).
static inline void motcua_prefetch(const void *_Nullable address) {
    if (address) __builtin_prefetch(address, 0, 3);
}
