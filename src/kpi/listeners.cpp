// Score listeners and the engine's hosting rules (listeners.hpp).
#include "listeners.hpp"

#include <string>
#include <utility>

#include "pactum/core/error.hpp"

namespace pactum::kpi {

void require_listener(const ScoreListener& listener) {
  if (!listener) raise(Errc::invalid_argument, "core.null_argument", {{"name", "listener"}});
}

std::uint64_t ScoreListeners::add(ScoreListener listener) {
  require_listener(listener);
  const std::uint64_t token = next_++;
  listeners_.emplace(token, std::move(listener));
  return token;
}

void ScoreListeners::remove(std::uint64_t token) {
  if (listeners_.erase(token) == 0) raise(Errc::not_found, "kpi.unknown_listener", {{"token", std::to_string(token)}});
}

std::vector<std::uint64_t> ScoreListeners::tokens() const {
  std::vector<std::uint64_t> out;
  out.reserve(listeners_.size());
  for (const auto& [token, listener] : listeners_) {
    (void)listener;
    out.push_back(token);
  }
  return out;
}

const ScoreListener* ScoreListeners::find(std::uint64_t token) const {
  auto it = listeners_.find(token);
  return it == listeners_.end() ? nullptr : &it->second;
}

void require_outside_transaction(bool inside) {
  if (inside) raise(Errc::invalid_state, "kpi.engine_in_transaction");
}

void require_engine_available(bool available) {
  if (!available) raise(Errc::invalid_state, "kpi.engine_unavailable");
}

}  // namespace pactum::kpi
