#pragma once
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for an executable that brings its own `main` (SwiftPM renames an
/// executable's entry point to `<Target>_main` and links `main` to it).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
