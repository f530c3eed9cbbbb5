// Internal: the approval engine's hook into the database clock.
#pragma once

#include "pactum/core/date.hpp"

namespace pactum {

class Database;

namespace store {

// Escalates every open approval step whose deadline lies before `clock`
// and that has not escalated yet: its escalation target joins the step's
// approvers, effective the day after the deadline, with an event and a
// history entry. Runs inside the caller's write (Database::advance_to).
void escalate_overdue_steps(Database& db, Date clock);

}  // namespace store

}  // namespace pactum
