#pragma once
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type motcua_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_config is variadic; Swift cannot call it. Turns off SQLite's memory statistics,
/// which take a global mutex on every allocation (two per inserted row: issue 16's profile of a
/// publish found 8% of its time in pthread_mutex_lock/unlock). Must run before SQLite
/// initialises; returns SQLITE_MISUSE, harmlessly, once it has.
static inline int motcua_sqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
