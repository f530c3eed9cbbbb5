// The laws of approval routes (docs/approval.md, "Laws") over 1,000 random
// sequences of actions — submit, approve, reject, send back, resubmit,
// withdraw, delegate, revoke, amend, transfer, deactivate, payments, direct
// activation and void attempts, back-dated actions and clock advances — by
// people chosen at random or among those who may act:
//   1. an active contract's terms in force were approved by the route its
//      table gives for exactly those terms (the latest approved round's
//      inputs are the terms' inputs, its steps the table's, all closed);
//   2. no person counts twice in one step;
//   3. nobody who submitted, resubmitted or edited the contract before, nor
//      its owner, decides on it (not even as a delegate);
//   4. an actor (and the approver a delegate acts for) is employed on the
//      action's date and on the clock when it is recorded;
//   5. every refusal leaves the database unchanged (nothing is committed:
//      SQLite's data_version, read through a second connection, stays; and
//      a full logical dump is compared for a sample of refusals).
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "approval/route_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

const Ids kPeople = {"G1", "C1", "E1", "E2", "E3", "F1", "F2", "F3", "H1"};
const Ids kDepartments = {"HQ", "SD", "FD", "HR"};

// amount >= 100000: three steps (dept manager escalating to the chair, 2 of
// finance, every general manager); key accounts: two steps; else one.
constexpr const char* kTable = R"({"id": "laws", "version": 1, "hit_policy": "FIRST",
  "inputs": [{"name": "amount", "type": "money"}, {"name": "key_account", "type": "boolean"}],
  "rules": [
    {"id": "big", "when": {"amount": ">= 100000"},
     "route": [{"role": "dept_manager", "deadline_days": 2, "escalate_to": {"role": "chair"}},
               {"role": "finance", "mode": {"k": 2}}, {"role": "general_manager", "mode": "all"}]},
    {"id": "key", "when": {"key_account": "true"}, "route": [{"role": "dept_manager"}, {"role": "finance", "mode": {"k": 2}}]},
    {"id": "small", "route": [{"role": "dept_manager"}]}]})";

const char* const kAmounts[] = {"20000.00", "60000.00", "150000.00", "300000.00"};

// A read-only second connection to the database file.
class Reader {
 public:
  explicit Reader(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) throw std::runtime_error(path);
  }
  ~Reader() {
    for (auto& [sql, st] : statements_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Rows of a query, each a vector of column texts ("" for NULL).
  std::vector<std::vector<std::string>> rows(const std::string& sql, std::int64_t arg = 0) const {
    sqlite3_stmt*& st = statements_[sql];
    if (st == nullptr && sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int64(st, 1, arg);
    std::vector<std::vector<std::string>> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
        row.emplace_back(text ? text : "");
      }
      out.push_back(std::move(row));
    }
    sqlite3_reset(st);
    return out;
  }

  // Changes when another connection commits (and only then).
  std::string data_version() const { return rows("PRAGMA data_version").at(0).at(0); }

 private:
  sqlite3* db_ = nullptr;
  mutable std::map<std::string, sqlite3_stmt*> statements_;
};

// A directory for the sequences' files, in memory (/dev/shm) where the host
// has one: the laws are about what is committed, not about the disk, and a
// thousand databases closed on a disk wait for a thousand fsyncs.
class ScratchDir {
 public:
  ScratchDir() {
    std::error_code ec;
    const bool shm = std::getenv("PACTUM_TEST_DIR") == nullptr && std::filesystem::is_directory("/dev/shm", ec) &&
                     ::access("/dev/shm", W_OK) == 0;
    if (!shm) return;
    std::string tmpl = "/dev/shm/pactum-laws-XXXXXX";
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (path_) std::filesystem::remove_all(*path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string file(const std::string& name) const { return path_ ? *path_ + "/" + name : fallback_.file(name); }

 private:
  std::optional<std::string> path_;
  TempDir fallback_;
};

// The company, the table, delegations, three drafts and the clock, written once and
// copied for every sequence.
const std::string& template_file(const ScratchDir& dir) {
  static const std::string path = [&] {
    const std::string p = dir.file("template.db");
    OpenOptions o;
    o.durability = Durability::normal;
    Database db(p, o);
    add_approval_company(db);
    db.assign_role("E3", "finance");
    db.load_routing(kTable);
    db.advance_to(day("2024-01-10"));
    // Approvers who stand in for other approvers of the same step (finance
    // holders) or of the escalation (the chair for the department manager):
    // where a second vote would be possible.
    db.delegate("F2", "F1", day("2024-01-01"), day("2024-12-31"));
    db.delegate("F3", "E3", day("2024-01-01"), day("2024-12-31"));
    db.delegate("E1", "C1", day("2024-01-01"), day("2024-12-31"));
    route_contract(db, "30000.00", "E2");
    route_contract(db, "150000.00", "E3");
    route_contract(db, "60000.00", "F2");
    return p;
  }();
  return path;
}

struct Reached {
  std::map<std::string, int> accepted;
  std::map<Errc, int> refused;
};

class Sequence {
 public:
  Sequence(unsigned seed, const std::string& path, Reached& reached)
      : rng_(seed), path_(path), reached_(reached), db_(open(path)), reader_(path) {
    for (std::int64_t id = 1; id <= 3; ++id) contracts_.push_back(id);
  }

  void run(int actions) {
    for (int i = 0; i < actions; ++i) {
      const std::int64_t c = contract();
      step(c);
      if (::testing::Test::HasFatalFailure()) return;
      // An action changes its contract's route and terms only (the clock's
      // escalations add approvers, which no law is about): its laws after
      // every action, every contract's at the end.
      check_laws({c});
      if (::testing::Test::HasFatalFailure()) return;
    }
    check_laws(contracts_);
  }

 private:
  static Database open(const std::string& path) {
    OpenOptions o;
    o.durability = Durability::normal;
    return Database(path, o);
  }

  int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  const std::string& person() { return kPeople[static_cast<std::size_t>(pick(static_cast<int>(kPeople.size())))]; }
  std::int64_t contract() { return contracts_[static_cast<std::size_t>(pick(static_cast<int>(contracts_.size())))]; }

  // The action's date: today, or back-dated (possibly before the clock).
  Date when() { return chance(20) ? today_.add_days(-1 - pick(15)) : today_; }

  // Someone with standing in the contract's open step, often; anyone else
  // otherwise.
  std::string decider(std::int64_t c, Date on) {
    // The leaver tries their luck, back-dated.
    if (leaver_ && chance(15)) return *leaver_;
    if (chance(10)) {
      // Someone who has approved in the open step already.
      if (const auto step = db_.current_step(c)) {
        for (const StepApprover& a : step->approvers) {
          if (a.approved_by) return *a.approved_by;
        }
      }
    }
    if (chance(70)) {
      const Ids current = db_.current_approvers(c);
      if (!current.empty()) {
        const std::string& approver = current[static_cast<std::size_t>(pick(static_cast<int>(current.size())))];
        for (const Delegation& d : db_.delegations(approver)) {
          if (d.person == approver && d.covers(on) && chance(40)) return d.delegate;
        }
        return approver;
      }
    }
    return person();
  }

  void step(std::int64_t c) {
    if (chance(30)) today_ = today_.add_days(1 + pick(3));
    const std::string before = reader_.data_version();
    const bool sample = ++actions_ % 40 == 0;
    const std::string dump = sample ? logical_dump(path_) : std::string();
    const Date on = when();
    std::string done;
    try {
      done = act(c, on);
    } catch (const Error& e) {
      ++reached_.refused[e.code()];
      ASSERT_EQ(reader_.data_version(), before) << "a refusal committed something: " << e.what();
      if (sample) {
        ASSERT_EQ(logical_dump(path_), dump) << e.what();
      }
      return;
    }
    ++reached_.accepted[done];
  }

  enum class Kind {
    submit, approve, reject, send_back, withdraw, delegate, revoke, amend, transfer, deactivate, clock, payment,
    activate, void_number, leaver
  };

  // An action likely to matter for the contract's state (a draft is
  // submitted, an open step decided, an active contract amended or paid),
  // else any other, including the ones that must be refused.
  Kind choose(const Contract& k, bool open) {
    const int n = pick(100);
    if (leaver_ && open && n < 8) return Kind::leaver;
    if (n < 22) {
      const Kind others[] = {Kind::delegate, Kind::delegate, Kind::revoke, Kind::transfer, Kind::deactivate,
                             Kind::clock,    Kind::clock,    Kind::clock,  Kind::activate, Kind::void_number,
                             Kind::submit,   Kind::approve,  Kind::amend,  Kind::withdraw};
      return others[pick(static_cast<int>(std::size(others)))];
    }
    if (open) {
      if (n < 72) return Kind::approve;
      if (n < 80) return Kind::reject;
      if (n < 88) return Kind::send_back;
      if (n < 94) return Kind::withdraw;
      return Kind::amend;
    }
    if (is_editable(k.status)) return n < 80 ? Kind::submit : Kind::amend;
    if (k.status == ContractStatus::active || k.status == ContractStatus::breached) {
      return n < 75 ? Kind::amend : Kind::payment;
    }
    return Kind::approve;
  }

  // One random action; returns its name when accepted.
  std::string act(std::int64_t c, Date on) {
    const Contract k = db_.contract(c);
    switch (choose(k, db_.current_step(c).has_value())) {
      case Kind::submit: {
        const std::string by = chance(60) ? k.owner : person();
        db_.submit(c, by, on);
        active_check(by, on);
        return "submit";
      }
      case Kind::approve: {
        const std::string by = decider(c, on);
        std::optional<std::string> for_whom;
        if (chance(15)) for_whom = person();
        const ApprovalHistoryEntry e = db_.approve(c, by, "", on, for_whom);
        active_check(by, on);
        if (e.on_behalf_of) active_check(*e.on_behalf_of, on);
        const bool amendment = db_.approval_route(c).amendment.has_value();
        if (!db_.current_step(c)) return amendment ? "amendment approved" : "activated by route";
        return "approve";
      }
      case Kind::reject: {
        const std::string by = decider(c, on);
        db_.reject(c, by, "", on);
        active_check(by, on);
        return db_.approval_route(c).amendment ? "amendment rejected" : "reject";
      }
      case Kind::send_back: {
        const std::string by = decider(c, on);
        db_.send_back(c, by, "", on);
        active_check(by, on);
        return "send back";
      }
      case Kind::withdraw: {
        const std::string by = chance(70) && db_.current_step(c) ? db_.approval_route(c).submitter : person();
        db_.withdraw(c, by, "", on);
        active_check(by, on);
        return "withdraw";
      }
      case Kind::delegate: {
        const std::string a = person();
        const std::string b = person();
        db_.delegate(a, b, on.add_days(-pick(5)), on.add_days(pick(20)));
        return "delegate";
      }
      case Kind::revoke: {
        const std::vector<Delegation> all = db_.delegations();
        if (all.empty()) raise(Errc::not_found, "approval.unknown_delegation", {{"id", "-"}});
        db_.revoke_delegation(all[static_cast<std::size_t>(pick(static_cast<int>(all.size())))].id);
        return "revoke";
      }
      case Kind::amend: {
        Amendment change;
        const int what = pick(3);
        if (what == 0) {
          change.amount = Money::parse(kAmounts[pick(4)], "CNY");
          change.installments = std::vector<Installment>{};
        } else if (what == 1) {
          change.key_account = !k.key_account;
        } else {
          change.delivery_due = on.add_days(30 + pick(60));
        }
        std::optional<std::string> by;
        if (chance(85)) by = chance(50) ? k.owner : person();
        const Event e = db_.amend(c, "变更", change, on, by);
        if (e.type == EventType::submitted) {
          active_check(*by, on);
          return "amendment round";
        }
        return "amend";
      }
      case Kind::transfer:
        db_.transfer(person(), kDepartments[static_cast<std::size_t>(pick(4))], std::nullopt, on);
        return "transfer";
      case Kind::deactivate: {
        if (leaver_ || chance(50)) raise(Errc::invalid_state, "org.not_employed", {{"id", "-"}, {"on", "-"}});
        // Recorded a few days after the leaving date, with the clock moved on.
        const std::string who = person();
        left_on_ = today_.add_days(-1 - pick(5));
        db_.deactivate_employee(who, left_on_);
        clock_ = std::max(clock_, today_);
        db_.advance_to(clock_);
        leaver_ = who;
        return "deactivate";
      }
      case Kind::clock:
        clock_ = std::max(clock_, today_);
        db_.advance_to(clock_);
        return "clock";
      case Kind::payment:
        db_.record_payment(c, Money::parse("5000.00", "CNY"), on, "P" + std::to_string(++payments_));
        return "payment";
      case Kind::activate:
        db_.activate(c, on);
        ADD_FAILURE() << "activated outside a route: contract " << c;
        return "direct activation";
      case Kind::leaver: {
        // The leaver approves, dated the day before leaving.
        db_.approve(c, *leaver_, "", left_on_.add_days(-1));
        active_check(*leaver_, left_on_.add_days(-1));
        return "leaver approved";
      }
      case Kind::void_number:
        if (k.status == ContractStatus::draft) raise(Errc::invalid_state, "contract.not_amendable", {});
        db_.void_number(k.number, "作废", on);
        ADD_FAILURE() << "voided the number of a " << contract_status_name(k.status) << " contract";
        return "void";
    }
    return {};
  }

  // Law 4: the actor was employed on the action's date and on the clock.
  void active_check(const std::string& employee, Date on) {
    EXPECT_TRUE(db_.employee(employee, on).active) << employee << " on " << on.to_string();
    EXPECT_TRUE(db_.employee(employee, db_.today()).active) << employee << " when recorded";
  }

  void check_laws(const std::vector<std::int64_t>& which) {
    // Law 2: nobody gave two approvals in one step.
    ASSERT_TRUE(reader_
                    .rows("SELECT route, step, approved_by FROM approval_approvers WHERE approved_by IS NOT NULL "
                          "GROUP BY route, step, approved_by HAVING COUNT(*) > 1")
                    .empty());
    for (std::int64_t id : which) {
      const Contract c = db_.contract(id);
      const auto step = db_.current_step(id);
      if (c.status == ContractStatus::pending_approval) {
        ASSERT_TRUE(step.has_value());
      }
      if (step) {
        const bool amending = db_.approval_route(id).amendment.has_value();
        ASSERT_EQ(c.status == ContractStatus::pending_approval, !amending) << c.number;
      }
      check_terms_in_force(c);
      check_segregation(c);
    }
  }

  // Law 1.
  void check_terms_in_force(const Contract& c) {
    if (!was_activated(c.status)) return;
    const auto routes = reader_.rows(
        "SELECT id, table_id, table_version, inputs, matched_rules FROM approval_routes WHERE contract = ? "
        "AND status = 'approved' ORDER BY round DESC LIMIT 1",
        c.id);
    ASSERT_EQ(routes.size(), 1u) << c.number << " is " << contract_status_name(c.status) << " without an approved route";
    const auto& r = routes[0];
    const RoutingResult now = db_.routing_table(r[1], std::stoi(r[2])).evaluate(routing_inputs(c));
    nlohmann::json inputs = nlohmann::json::array();
    for (const RoutingInputValue& v : now.audit.inputs) {
      inputs.push_back({{"name", v.name}, {"type", routing_input_type_name(v.type)}, {"value", v.value}});
    }
    ASSERT_EQ(nlohmann::json::parse(r[3]), inputs) << c.number << ": the terms in force are not the approved ones";
    ASSERT_EQ(nlohmann::json::parse(r[4]), nlohmann::json(now.audit.matched_rules)) << c.number;
    const auto steps = reader_.rows(
        "SELECT approver, mode, k, approvals >= required AND required > 0, closed_on IS NOT NULL FROM approval_steps "
        "WHERE route = ? ORDER BY step",
        std::stoll(r[0]));
    ASSERT_EQ(steps.size(), now.route.steps.size()) << c.number;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const RouteStep& s = now.route.steps[i];
      EXPECT_EQ(steps[i][0], s.approver.name);
      EXPECT_EQ(steps[i][1], s.mode.kind == ApprovalMode::Kind::all      ? "all"
                             : s.mode.kind == ApprovalMode::Kind::k_of_n ? "k_of_n"
                                                                         : "any");
      EXPECT_EQ(steps[i][3], "1") << c.number << " step " << i + 1 << " closed without its approvals";
      EXPECT_EQ(steps[i][4], "1");
    }
  }

  // Law 3, in the order things happened: a decision's actor (and whom they
  // acted for) is none of the owner, the submitters and the editors so far.
  void check_segregation(const Contract& c) {
    std::map<std::int64_t, std::string> behalf;
    for (const ApprovalHistoryEntry& e : db_.approval_history(c.id)) {
      if (e.event && e.on_behalf_of) behalf[*e.event] = *e.on_behalf_of;
    }
    std::set<std::string> parties{c.owner};
    for (const Event& e : db_.events(c.id)) {
      const std::string actor = e.actor.value_or("");
      switch (e.type) {
        case EventType::created:
        case EventType::amended:
        case EventType::submitted:
          if (!actor.empty()) parties.insert(actor);
          break;
        case EventType::approved:
        case EventType::rejected:
        case EventType::sent_back: {
          ASSERT_FALSE(parties.contains(actor)) << actor << " decided on " << c.number << " (event " << e.seq << ")";
          auto it = behalf.find(e.seq);
          if (it != behalf.end()) {
            ASSERT_FALSE(parties.contains(it->second)) << it->second << " on " << c.number;
          }
          break;
        }
        default: break;
      }
    }
  }

  std::mt19937 rng_;
  std::string path_;
  Reached& reached_;
  Database db_;
  Reader reader_;
  std::vector<std::int64_t> contracts_;
  Date today_ = day("2024-01-11");
  Date clock_ = day("2024-01-10");
  std::optional<std::string> leaver_;
  Date left_on_;
  int payments_ = 0;
  int actions_ = 0;
};

TEST(RouteLawsPropertyTest, TheLawsHoldOverAThousandRandomSequences) {
  const ScratchDir dir;
  const std::string& original = template_file(dir);
  const std::string path = dir.file("sequence.db");
  Reached reached;
  for (unsigned seed = 1; seed <= 1000; ++seed) {
    SCOPED_TRACE(seed);
    std::filesystem::copy_file(original, path, std::filesystem::copy_options::overwrite_existing);
    Sequence(seed, path, reached).run(15);
    if (::testing::Test::HasFailure()) break;
  }
  if (std::getenv("PACTUM_LAWS_VERBOSE")) {
    for (const auto& [kind, n] : reached.accepted) std::cout << kind << ": " << n << "\n";
    for (const auto& [code, n] : reached.refused) std::cout << static_cast<int>(code) << ": " << n << "\n";
  }
  // The sequences reached every kind of action and every law's refusals.
  for (const char* kind : {"submit", "approve", "activated by route", "reject", "send back", "withdraw", "delegate",
                           "revoke", "amend", "amendment round", "amendment approved", "amendment rejected",
                           "transfer", "deactivate", "clock", "payment"}) {
    EXPECT_GT(reached.accepted[kind], 0) << kind;
  }
  for (Errc code : {Errc::invalid_state, Errc::segregation, Errc::not_approver, Errc::conflict, Errc::invalid_argument}) {
    EXPECT_GT(reached.refused[code], 0) << static_cast<int>(code);
  }
  EXPECT_EQ(reached.accepted["direct activation"], 0);
  EXPECT_EQ(reached.accepted["void"], 0);
  EXPECT_EQ(reached.accepted["leaver approved"], 0);
}

}  // namespace
