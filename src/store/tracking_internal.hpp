// Internal: the tracking index shared by the reminder and report code of
// src/store/ (tracking.cpp, reports.cpp).
#pragma once

#include <cstdint>
#include <string_view>

#include "../tracking/windows.hpp"
#include "database_impl.hpp"

namespace pactum::store {

// Catches the tracking index up with the event log: every contract with an
// event after the last one applied is folded again (facts and reminder
// windows). Writes (one atomic write) only when the log moved; returns the
// number of contracts folded.
std::int64_t sync_tracking(const Database& db, Database::Impl& impl);

// The contract types a report leaves out (labour contracts are not
// executed or signed for performance).
inline constexpr std::string_view kUntrackedType = "labour";

}  // namespace pactum::store
