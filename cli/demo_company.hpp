// The demo company of `pactum demo`: a seeded plan of one year of contract
// life (departments, staff, contracts and everything that happens to them),
// and the two steps that write it through the library: setting up the
// company, then playing the year month by month through the clock.
//
// The plan is a pure function of the seed (its own generator, no host clock
// or locale), so the same seed gives the same database content and the same
// reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pactum/contract/contract.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/money.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli::demo {

// The year the demo plays.
inline constexpr int kYear = 2024;
// The default seed of `pactum demo`.
inline constexpr std::uint64_t kDefaultSeed = 2024;
// The label marking a demo database (Database::set_label).
inline constexpr const char* kDemoLabel = "pactum.demo";

// SplitMix64: a small, well-mixed generator with a 64-bit state. The same
// seed gives the same stream on every host.
class Prng {
 public:
  explicit Prng(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept;
  // A uniform integer in [lo, hi] (inclusive), without modulo bias.
  std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept;
  // True with probability per_mille / 1000.
  bool chance(std::int64_t per_mille) noexcept { return between(0, 999) < per_mille; }

 private:
  std::uint64_t state_;
};

struct PlannedDepartment {
  std::string code;
  std::string name;
  std::optional<std::string> parent;
  std::string manager;  // an employee id
};

struct PlannedEmployee {
  std::string id;
  std::string name;
  std::string department;
  std::string position;
  Date hired;
  std::optional<std::string> manager;
  std::vector<std::string> roles;  // company-wide roles
  // Behaviour of a contract owner, per mille: how often an instalment of
  // theirs is paid late, and a delivery late; and the size of their deals
  // in percent of the department's usual amounts.
  int late_payment = 0;
  int late_delivery = 0;
  int deal_size = 100;
};

// One thing that happens on a date.
enum class ActionKind : unsigned char {
  create,
  submit,
  approve,
  send_back,
  pay,
  reverse,
  deliver,
  refuse_delivery,
  survey,
  amend,
  dispute,
  breach,
  complete,
  hand_over,  // ref: the colleague who takes the contract over
};

struct Action {
  Date on;
  std::size_t contract = 0;  // index into DemoPlan::contracts
  int order = 0;             // position in the contract's own timeline
  ActionKind kind = ActionKind::create;
  Money amount;              // pay
  std::string ref;           // pay, reverse: the payment's ref
  int score = 0;             // survey
  std::optional<Date> new_delivery_due;  // amend
  std::string text;          // comments and reasons
};

struct PlannedContract {
  ContractSpec spec;
  int approval_steps = 0;  // under the default routing table
};

struct DemoPlan {
  std::uint64_t seed = kDefaultSeed;
  std::vector<PlannedDepartment> departments;
  std::vector<PlannedEmployee> employees;
  std::vector<PlannedContract> contracts;
  std::vector<Action> actions;  // in execution order: by date, contract, order
  // The article's worked example: its owner and the index of its contract.
  std::string worked_owner;
  std::size_t worked_contract = 0;
};

// The plan of the seed's company and year. Actions dated after the year are
// left out (they are the future the forecast looks at).
DemoPlan plan_company(std::uint64_t seed);

// What playing the year did, for the summary.
struct DemoCounts {
  std::int64_t contracts = 0;
  std::int64_t approvals = 0;
  std::int64_t send_backs = 0;
  std::int64_t payments = 0;
  std::int64_t reversals = 0;
  std::int64_t deliveries = 0;
  std::int64_t refused_deliveries = 0;
  std::int64_t surveys = 0;
  std::int64_t amendments = 0;
  std::int64_t disputes = 0;
  std::int64_t breaches = 0;
  std::int64_t completions = 0;
  std::int64_t handovers = 0;
  std::int64_t expiries = 0;  // contracts the clock expired at their end date
  std::int64_t events = 0;  // the length of the event log at the end
};

// Departments, employees, roles, numbering rules, exchange rates and the
// company's KPI rule caps, in one transaction; marks the database as a demo.
void set_up_company(Database& db, const DemoPlan& plan);

// Plays the year: each month's actions in one transaction, then the clock
// advances to the month's end. Returns the contract ids (by plan index) and
// the counts.
DemoCounts play_year(Database& db, const DemoPlan& plan, std::vector<std::int64_t>& contract_ids);

}  // namespace pactum::cli::demo
