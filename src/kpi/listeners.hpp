// Internal: who hears of score changes, and when the incremental engine may
// run beside a store. Pure: the store hosts the engine (src/store/kpi_engine.cpp)
// and asks these rules.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "pactum/kpi/engine.hpp"

namespace pactum::kpi {

// The listeners of score changes, each under the token its registration
// returned. Tokens are never reused.
class ScoreListeners {
 public:
  // Registers `listener` (require_listener): its token.
  std::uint64_t add(ScoreListener listener);
  // Removes the listener of `token`; a token not registered (or removed
  // already) is a NotFoundError (kpi.unknown_listener).
  void remove(std::uint64_t token);
  bool empty() const noexcept { return listeners_.empty(); }
  // The tokens registered now, in registration order.
  std::vector<std::uint64_t> tokens() const;
  // The listener of `token`, or nullptr when it was removed since.
  const ScoreListener* find(std::uint64_t token) const;

 private:
  std::map<std::uint64_t, ScoreListener> listeners_;
  std::uint64_t next_ = 1;
};

// An empty listener function is a ValidationError (core.null_argument).
void require_listener(const ScoreListener& listener);

// The engine runs outside the caller's transactions and callbacks (it reads
// committed facts only): a StateError (kpi.engine_in_transaction) when
// `inside` is true.
void require_outside_transaction(bool inside);
// A StateError (kpi.engine_unavailable) when the engine could not be
// brought up to the log.
void require_engine_available(bool available);

}  // namespace pactum::kpi
