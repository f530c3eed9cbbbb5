// A SQLite VFS that wraps the default one and fails a chosen write or sync:
// the I/O-fault sweep's shim (docs/testing.md, "I/O-fault sweep").
//
// install() registers it as the process's default VFS, so every database
// the library opens afterwards goes through it; until a fault is armed it
// only counts. Counting covers every file SQLite writes through it (the
// database, its WAL, journals). Not thread-safe: one process, one thread.
#pragma once

#include <cstdint>

namespace pactum::durability {

enum class FaultKind { write, sync };

struct FaultPlan {
  FaultKind kind = FaultKind::write;
  // The call that fails, counted from 1 since arm(); 0: none.
  std::int64_t at = 0;
  // Every call from `at` on fails (a dead disk), not only that one.
  bool persistent = false;
};

class FaultVfs {
 public:
  // Registers the VFS as the default (idempotent).
  static void install();
  // Resets the counters and arms the plan.
  static void arm(const FaultPlan& plan);
  // Writes and syncs since the last arm().
  static std::int64_t writes();
  static std::int64_t syncs();
  // True when the armed fault has been injected.
  static bool fired();
};

}  // namespace pactum::durability
