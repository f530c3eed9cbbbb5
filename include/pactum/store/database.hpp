// pactum::Database — one SQLite database file holding everything: numbering
// rules and counters, the org directory, contracts, the append-only event log,
// routing tables, KPI templates and snapshots.
//
// Every public write is atomic: one BEGIN IMMEDIATE transaction, or a
// savepoint inside the caller's open transaction() so that several writes can
// be grouped and rolled back together. A failed write leaves the database
// exactly as it was.
//
// Threading: a Database is one SQLite connection. Open one handle per thread
// (they may share one file, also across processes). Calls on one handle from
// several threads are serialised by a mutex. A transaction belongs to the
// thread that opened it: while it is open, every call from another thread
// (its commit and rollback included) is refused with a StateError
// (Errc::invalid_state), so no thread's write can land in, or be rolled back
// with, another thread's transaction.
//
// Outcome of a commit (docs/storage.md): a write that fails is absent from
// the database, except for Errc::outcome_unknown — a commit failed while
// writing or syncing the log, its transaction may come back when the log is
// recovered, and the handle refuses every write (Errc::invalid_state) until
// it is destroyed. Reopen the database and retry with the same idempotency
// key.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/date.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"
#include "pactum/numbering/pattern.hpp"
#include "pactum/approval/approval.hpp"
#include "pactum/approval/controls.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/kpi/engine.hpp"
#include "pactum/kpi/scorecard.hpp"
#include "pactum/report/classification.hpp"
#include "pactum/report/report.hpp"
#include "pactum/report/html.hpp"
#include "pactum/tracking/reminder.hpp"
#include "pactum/org/directory.hpp"
#include "pactum/io/import.hpp"

namespace pactum {

// How commits reach the disk.
enum class Durability {
  full,    // synchronous=FULL: a committed number survives power loss (default)
  normal,  // synchronous=NORMAL: faster; the last commits may be lost on power loss
};

struct OpenOptions {
  // Language of error messages and texts produced through this handle.
  Lang lang = Lang::en;
  // Reporting currency of a *new* database (default CNY); an existing
  // database keeps its own and a different value here is a ConflictError.
  std::optional<std::string> currency;
  Durability durability = Durability::full;
  // How long a write waits for another connection's lock before PACTUM_EBUSY.
  int busy_timeout_ms = 30000;
  // Permissions of the files created through this handle: a new database
  // file (SQLite gives its -wal and -shm files the same), exports and import
  // reports; directories get the execute bit where the mode can read. The
  // owner must be able to read and write (0600 .. 0777); the umask applies.
  unsigned file_mode = 0600;
};

class Database {
 public:
  // The schema version this library writes. Older databases are migrated
  // forward when opened; newer ones are refused with PACTUM_ESCHEMA.
  static int schema_version() noexcept;

  // Opens (creating if needed) the database at `path`; ":memory:" is a
  // private in-memory database.
  explicit Database(const std::string& path, OpenOptions options = {});
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& path() const noexcept;
  Lang lang() const noexcept;
  void set_lang(Lang lang) noexcept;
  Currency reporting_currency() const;

  // ---- Transactions ------------------------------------------------------
  // Groups writes: every write until commit() is kept or undone together.
  // Nested transactions are savepoints. Destroying an open Transaction rolls
  // it back. Transactions close in the reverse order of opening.
  class Transaction {
   public:
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();
    void commit();
    void rollback();
    bool open() const noexcept { return db_ != nullptr; }

   private:
    friend class Database;
    Transaction(Database* db, int depth) noexcept : db_(db), depth_(depth) {}
    Database* db_;
    int depth_;
  };
  Transaction transaction();
  bool in_transaction() const noexcept;

  // ---- Clock ---------------------------------------------------------------
  // The database clock: the date of the last advance_to(), or the host's
  // local date if the clock was never set. It is only the default of `on=`
  // and `as_of`; calculations never read the host's clock.
  Date today() const;
  std::optional<Date> clock() const;

  // ---- Labels --------------------------------------------------------------
  // Small facts a host keeps with the database (the application that made
  // it, a tenant, where its data came from), in the meta table. A name is 1
  // to 64 ASCII letters, digits, '.', '_' or '-'; a value is UTF-8 of at most
  // 4,096 bytes. Setting a label again replaces its value.
  void set_label(const std::string& name, const std::string& value);
  // The label's value, or nullopt when it was never set.
  std::optional<std::string> label(const std::string& name) const;
  // Every label (name, value), by name.
  std::vector<std::pair<std::string, std::string>> labels() const;

  // ---- Numbering -----------------------------------------------------------
  // Defines a numbering rule, or a new version of it (counters continue where
  // the scope key is unchanged). Returns the version number.
  int define_numbering(const std::string& rule_id, const std::string& pattern,
                       NumberingMode mode = NumberingMode::gapless);
  NumberingRuleInfo numbering_rule(const std::string& rule_id) const;
  std::vector<NumberingRuleInfo> numbering_rules() const;
  // The number issue_number() would give now, without consuming it.
  std::string preview_number(const std::string& rule_id, std::optional<Date> on, const NumberFields& fields);
  // Issues the next number of the rule's scope and registers it (unique).
  std::string issue_number(const std::string& rule_id, std::optional<Date> on, const NumberFields& fields,
                           const std::optional<std::string>& owner = std::nullopt);
  ParsedNumber parse_number(const std::string& rule_id, const std::string& number) const;
  // Marks an issued number void from `on` (default: the database clock); it
  // stays in the registry and is never issued again.
  void void_number(const std::string& number, const std::string& reason, std::optional<Date> on = std::nullopt);
  IssuedNumber issued_number(const std::string& number) const;
  // Issued numbers starting with `prefix`, in order, at most `limit`, after
  // `after` (the last number of the previous page).
  std::vector<std::string> find_numbers(const std::string& prefix, int limit = 50,
                                        const std::optional<std::string>& after = std::nullopt) const;

  // ---- Org -----------------------------------------------------------------
  // Departments, employees, postings and roles (pactum/org/directory.hpp).
  // Undated facts hold for all dates; dated ones from their date on.
  void add_department(const DepartmentSpec& spec);
  // The department with its manager on `on` (default: the database clock).
  Department department(const std::string& code, std::optional<Date> on = std::nullopt) const;
  std::vector<Department> departments(std::optional<Date> on = std::nullopt) const;
  // The manager from `on` on; nullopt replaces the undated manager.
  void set_department_manager(const std::string& code, const std::string& employee,
                              std::optional<Date> on = std::nullopt);
  void add_employee(const EmployeeSpec& spec);
  // The employee with the posting of `on` (default: the database clock).
  Employee employee(const std::string& id, std::optional<Date> on = std::nullopt) const;
  // Employees (posted in `department`) on `on` (default: the clock), by id.
  std::vector<Employee> employees(const std::optional<std::string>& department = std::nullopt,
                                  std::optional<Date> on = std::nullopt) const;
  // A dated move to `department` (and `position`, or the current one). A
  // second transfer on the same date replaces the first.
  void transfer(const std::string& employee, const std::string& department,
                const std::optional<std::string>& position, Date on);
  std::vector<Posting> postings(const std::string& employee) const;
  std::string department_of(const std::string& employee, Date on) const;
  void set_employee_manager(const std::string& employee, const std::optional<std::string>& manager);
  // The employee leaves on `on` (default: the database clock).
  void deactivate_employee(const std::string& employee, std::optional<Date> on = std::nullopt);
  // Company-wide (department nullopt) or for one department, from `on`
  // (nullopt: always). Holding it already on that date is a no-op.
  void assign_role(const std::string& employee, const std::string& role,
                   const std::optional<std::string>& department = std::nullopt, std::optional<Date> on = std::nullopt);
  // Ends the role held on `on` (default: the database clock) from that date.
  void revoke_role(const std::string& employee, const std::string& role,
                   const std::optional<std::string>& department = std::nullopt, std::optional<Date> on = std::nullopt);
  // Employees holding `role` on `on` (default: the clock) and employed then:
  // the department's own holders when it has any, else the company-wide ones.
  std::vector<std::string> role_holders(const std::string& role,
                                        const std::optional<std::string>& department = std::nullopt,
                                        std::optional<Date> on = std::nullopt) const;
  std::vector<RoleAssignment> roles_of(const std::string& employee) const;

  // ---- Contracts -----------------------------------------------------------
  // 1 `currency` = `rate` in the reporting currency from `on` on (replacing a
  // rate set for the same date). Contracts keep the rate they were signed at.
  void set_exchange_rate(const std::string& currency, const Decimal& rate, Date on);
  // The latest rate on or before `on`; none is a currency-mismatch error.
  Decimal exchange_rate(const std::string& currency, Date on) const;
  // A draft contract, its number issued in the same transaction.
  Contract create_contract(const ContractSpec& spec);
  Contract contract(const ContractRef& ref) const;
  std::vector<Contract> find_contracts(const ContractFilter& filter = {}) const;
  // draft -> active, for hosts that approve outside Pactum. Refused
  // (StateError) for a contract that entered an approval route (only its
  // route activates it), for one whose number is void, and — unless
  // direct_activation() is `allow` — for a contract of a type with routing in
  // use (routing_in_use()).
  Event activate(const ContractRef& ref, std::optional<Date> on = std::nullopt,
                 const std::optional<std::string>& actor = std::nullopt);
  Event complete(const ContractRef& ref, std::optional<Date> on = std::nullopt,
                 const std::optional<std::string>& actor = std::nullopt);
  Event terminate(const ContractRef& ref, const std::string& reason, std::optional<Date> on = std::nullopt,
                  const std::optional<std::string>& actor = std::nullopt);
  // Changes terms of a draft, rejected, active or breached contract; always an
  // event. A change of an active or breached contract that a routing table
  // reads (amount, key-account flag, attributes used as inputs), when its terms
  // are governed by routing, is a new approval round instead (docs/approval.md,
  // "Amendment rounds"): the terms in force stay until the round is approved,
  // `actor` must be the employee who submits it, and the event returned is the
  // round's `submitted` event. Otherwise the `amended` event.
  Event amend(const ContractRef& ref, const std::string& reason, const Amendment& changes,
              std::optional<Date> on = std::nullopt, const std::optional<std::string>& actor = std::nullopt);
  // A linked successor (a new draft) of an activated contract; once per contract.
  Contract renew(const ContractRef& ref, const RenewalSpec& spec = {});
  // Hands the contract over to `new_owner` from `on` (default: the clock): a
  // `reassigned` event with the reason. The signed amount stays with the
  // signer; execution from `on` counts for the new owner (docs/contracts.md,
  // "Handovers"). The new owner must be employed on `on`; `on` may not be
  // before the signing date or an earlier handover.
  Event reassign(const ContractRef& ref, const std::string& new_owner, const std::string& reason,
                 std::optional<Date> on = std::nullopt, const std::optional<std::string>& actor = std::nullopt);
  ExecutionSummary execution(const ContractRef& ref, std::optional<Date> as_of = std::nullopt) const;

  // ---- Events --------------------------------------------------------------
  // The append-only event log (pactum/contract/event.hpp, docs/events.md).
  // `amount` is in the contract's currency; the payment beyond the
  // outstanding amount is refused unless `allow_overpayment`.
  Event record_payment(const ContractRef& ref, const Money& amount, std::optional<Date> on, const std::string& payment_ref,
                       const std::string& source = std::string(kDefaultPaymentSource), bool allow_overpayment = false,
                       const std::optional<std::string>& actor = std::nullopt);
  // Retracts the payment `payment_ref` of `source`, from `on`.
  Event reverse_payment(const std::string& payment_ref, std::optional<Date> on = std::nullopt,
                        const std::string& source = std::string(kDefaultPaymentSource),
                        const std::optional<std::string>& actor = std::nullopt);
  // A delivery, accepted or refused for quality; `note` is kept as the reason.
  Event record_delivery(const ContractRef& ref, bool accepted = true, const EventOptions& options = {},
                        const std::optional<std::string>& note = std::nullopt);
  Event record_satisfaction(const ContractRef& ref, int score, const EventOptions& options = {});
  Event record_dispute(const ContractRef& ref, const std::string& reason, const EventOptions& options = {});
  // A breach: the contract becomes `breached` (it still runs).
  Event record_breach(const ContractRef& ref, const std::string& reason, const EventOptions& options = {});
  // A fact of a contract with an optional reason, of any type the event
  // registry records that way (EventShape::reason: dispute, breach, ...;
  // another type is a ValidationError): its checks and its status
  // transition are the registry's. record_dispute and record_breach are this
  // call with their type.
  Event record_fact(const ContractRef& ref, EventType type, const std::string& reason, const EventOptions& options = {});
  // Moves the database clock (meta.clock) forward to `date`; the same date
  // again returns the event that set it; an earlier date is refused. Every
  // contract in force and not renewed whose end date the clock passes
  // expires in the same change (an `expired` event effective on its end date).
  Event advance_to(Date date, const std::optional<std::string>& actor = std::nullopt);
  Event event(std::int64_t seq) const;
  // A contract's events in sequence order.
  std::vector<Event> events(const ContractRef& ref) const;
  // Events with seq > after_seq in sequence order, at most `limit` (the log
  // tail an engine catches up with).
  std::vector<Event> events_after(std::int64_t after_seq, int limit = 1000) const;
  // The highest sequence number (0 for an empty log).
  std::int64_t last_event_seq() const;

  // ---- Approval routing ----------------------------------------------------
  // Routing tables (pactum/approval/routing.hpp, docs/routing.md), stored
  // with every version. A new database holds the default table ("default",
  // version 1) and routes with it.
  //
  // Checks `table_json` and makes it the table new contracts are routed with.
  // A table with gaps or overlaps is refused (ValidationError, nothing
  // stored) unless `options` allow them. Versions are immutable: the same id
  // and version again with the same document only makes it current again;
  // with another document, or a version below the id's latest, it is a
  // ConflictError. Returns the findings (warnings, and the allowed errors).
  std::vector<RoutingFinding> load_routing(const std::string& table_json, const RoutingLoadOptions& options = {});
  // The same with a typed table: one built in C++ (RoutingTable::compile) or
  // parsed before. It is stored as its canonical document, as the JSON
  // overload stores the table it parses.
  std::vector<RoutingFinding> load_routing(const RoutingTable& table, const RoutingLoadOptions& options = {});
  // The findings of `table_json` (or of a typed table); nothing is stored.
  std::vector<RoutingFinding> check_routing(const std::string& table_json) const;
  std::vector<RoutingFinding> check_routing(const RoutingTable& table) const;
  // The table new contracts are routed with.
  RoutingTable routing_table() const;
  // Table `id` at `version` (nullopt: its latest); NotFoundError if unknown.
  RoutingTable routing_table(const std::string& id, std::optional<int> version = std::nullopt) const;
  // Every stored table version: id, version, and whether it is current.
  std::vector<RoutingTableInfo> routing_tables() const;
  // Evaluates the current table (the audit names its id and version).
  RoutingResult evaluate_routing(const RoutingInputs& inputs) const;

  // ---- Approval -------------------------------------------------------------
  // Route instances (pactum/approval/approval.hpp, docs/approval.md). Every
  // action takes the acting employee (`by`), a comment (may be empty) and the
  // effective date `on` (default: the database clock); each appends an event
  // and a history entry. Refusals: a contract never submitted or whose route
  // ended, StateError (PACTUM_ESTATE); the submitter or the owner deciding,
  // PACTUM_ESEGREGATION; someone without standing in the current step,
  // PACTUM_ENOTAPPROVER; a second approval for the same approver,
  // ConflictError; an action dated before what it depends on, ValidationError.
  //
  // Evaluates the current routing table for the contract (draft or
  // rejected), stores the route with the table version, matched rules and
  // inputs, opens step 1 and moves the contract to pending_approval. A
  // resubmission after a send-back, withdrawal or rejection evaluates again.
  ApprovalRouteInstance submit(const ContractRef& ref, const std::string& by, std::optional<Date> on = std::nullopt,
                               const std::string& comment = {});
  // One approval of the current step, by an approver or by a delegate acting
  // for one (`on_behalf_of` names whom when the delegate acts for several).
  // The step closes when its mode is satisfied and the next one opens; the
  // last step's approval activates the contract, effective `on`.
  ApprovalHistoryEntry approve(const ContractRef& ref, const std::string& by, const std::string& comment = {},
                               std::optional<Date> on = std::nullopt,
                               const std::optional<std::string>& on_behalf_of = std::nullopt);
  // Ends the route: the contract becomes `rejected` (editable, resubmittable).
  ApprovalHistoryEntry reject(const ContractRef& ref, const std::string& by, const std::string& comment = {},
                              std::optional<Date> on = std::nullopt,
                              const std::optional<std::string>& on_behalf_of = std::nullopt);
  // Ends the route and returns the contract to its submitter as a draft.
  ApprovalHistoryEntry send_back(const ContractRef& ref, const std::string& by, const std::string& comment = {},
                                 std::optional<Date> on = std::nullopt,
                                 const std::optional<std::string>& on_behalf_of = std::nullopt);
  // The submitter takes the contract back: a draft again.
  ApprovalHistoryEntry withdraw(const ContractRef& ref, const std::string& by, const std::string& comment = {},
                                std::optional<Date> on = std::nullopt);
  // The contract's latest route instance (NotFoundError if never submitted).
  ApprovalRouteInstance approval_route(const ContractRef& ref) const;
  // The open step, if the route is in review.
  std::optional<ApprovalStepState> current_step(const ContractRef& ref) const;
  // The approvers of the open step who have not approved yet, in the order
  // they were added; empty when no step is open.
  std::vector<std::string> current_approvers(const ContractRef& ref) const;
  // Every entry of every submission, oldest first.
  std::vector<ApprovalHistoryEntry> approval_history(const ContractRef& ref) const;
  // The open steps `person` can decide on `on` (default: the clock): as an
  // approver, or as the delegate of one.
  std::vector<InboxItem> inbox(const std::string& person, std::optional<Date> on = std::nullopt) const;
  // `deputy` acts for `person` from `from` to `to` (inclusive). The same
  // window again returns the stored one.
  Delegation delegate(const std::string& person, const std::string& deputy, Date from, Date to);
  // Delegations given or received by `person` (nullopt: all), by id.
  std::vector<Delegation> delegations(const std::optional<std::string>& person = std::nullopt) const;
  // Removes a delegation; actions already taken keep their history.
  void revoke_delegation(std::int64_t id);

  // ---- Approval controls ---------------------------------------------------
  // The laws no caller can bypass (pactum/approval/controls.hpp,
  // docs/approval.md "Laws" and "Settings").
  //
  // The setting direct_activation: `refuse` (the default) or `allow`.
  DirectActivation direct_activation() const;
  // Changes it: a setting_changed event (no contract) with `by` (who, free
  // text) and `reason`, effective `on` (default: the database clock). The
  // same value again is a StateError; nothing is written.
  Event set_direct_activation(DirectActivation policy, const std::string& by, const std::string& reason,
                              std::optional<Date> on = std::nullopt);
  // True when routing is in use for contracts of `type`: one of them was
  // submitted in this database, or the current routing table — one the host
  // loaded, not the shipped default — routes the type.
  bool routing_in_use(const std::string& type) const;

  // ---- KPI -------------------------------------------------------------------
  // Templates, bindings, targets, rule settings, bonus bands, scorecards and
  // period closing (pactum/kpi/*.hpp, docs/kpi.md). A new database holds the
  // built-in templates sales, rnd and procurement (versions 1 and 2), bound to the
  // positions of the same names. Settings are kept with their history: the
  // scorecards of a closed period use the settings in force when it closed.
  //
  // Stores a template (validated). Without "version" in the document it
  // becomes the id's next version (the latest document again is no new
  // version); with one, the same version and document again returns it, and
  // another document or a version below the latest is a ConflictError.
  KpiTemplate define_template(const std::string& template_json);
  // The same with a typed template (validated as a document is): its
  // version as given, or with TemplateVersion::next the id's next version
  // (as a document without "version").
  KpiTemplate define_template(const KpiTemplate& definition, TemplateVersion version = TemplateVersion::given);
  // Template `id` at `version` (nullopt: its latest); NotFoundError if unknown.
  KpiTemplate kpi_template(const std::string& id, std::optional<int> version = std::nullopt) const;
  // Every stored version of every template, by id and version.
  std::vector<KpiTemplate> kpi_templates() const;
  // Scorecards of employees in `position` use `template_id` (a stored template).
  void bind_template(const std::string& position, const std::string& template_id);
  // The position has no template again (NotFoundError when it has none).
  void unbind_template(const std::string& position);
  // The template bound to `position`, if any.
  std::optional<std::string> template_binding(const std::string& position) const;
  void set_target(const TargetSpec& target);
  void set_rule(const RuleSetting& setting);
  // The bands of one template (nullopt: of every template without its own);
  // the payroll link's min_coverage stays as it was.
  void set_bonus_bands(const std::vector<BonusBand>& bands,
                       const std::optional<std::string>& template_id = std::nullopt);
  std::vector<BonusBand> bonus_bands(const std::optional<std::string>& template_id = std::nullopt) const;
  // The whole payroll link (bands and min_coverage) of one template or of
  // every template without its own.
  void set_payroll_link(const PayrollLink& link, const std::optional<std::string>& template_id = std::nullopt);
  PayrollLink payroll_link(const std::optional<std::string>& template_id = std::nullopt) const;
  // The scorecard of `employee` for `period` as of `as_of` (default: the
  // database clock). Unknown employee: NotFoundError; no template for the
  // position: a scorecard without a score.
  Scorecard scorecard(const std::string& employee, const Period& period, std::optional<Date> as_of = std::nullopt) const;
  // Scorecards of every employee posted (in `department`, in `position`) on
  // the cutoff date, by employee id.
  using ScorecardFilter = pactum::ScorecardFilter;
  std::vector<Scorecard> scorecards(const Period& period, std::optional<Date> as_of = std::nullopt,
                                    const ScorecardFilter& filter = {}) const;
  // What evaluate_scorecard() reads for this scorecard (the reference
  // evaluator's input, with targets and rule settings resolved).
  ScoringInput scoring_input(const std::string& employee, const Period& period,
                             std::optional<Date> as_of = std::nullopt) const;
  // base_bonus x the rate of the band holding the employee's score, rounded
  // half-even to the minor unit of base_bonus's currency; zero without a
  // score or below the payroll link's min_coverage. A negative base is a
  // ValidationError.
  Money bonus_adjustment(const std::string& employee, const Period& period, const Money& base_bonus,
                         std::optional<Date> as_of = std::nullopt) const;
  // The same with its reason: the score, coverage, rate and why.
  BonusDecision bonus_decision(const std::string& employee, const Period& period, const Money& base_bonus,
                               std::optional<Date> as_of = std::nullopt) const;
  // Closes `period` on `on` (default: the clock; not before the period's
  // end): a period_closed event. Closing a closed period is a StateError.
  Event close_period(const Period& period, std::optional<Date> on = std::nullopt,
                     const std::optional<std::string>& actor = std::nullopt);
  // Lifts the freeze: a period_reopened event with the reason. StateError
  // when the period is not closed.
  Event reopen_period(const Period& period, const std::string& reason, std::optional<Date> on = std::nullopt,
                      const std::optional<std::string>& actor = std::nullopt);
  // The period_closed event in force for `period`, if it is closed.
  std::optional<std::int64_t> period_closed(const Period& period) const;

  // ---- KPI engine -------------------------------------------------------------
  // The incremental engine behind scorecard() (pactum/kpi/engine.hpp,
  // docs/kpi.md "Incremental engine"). It holds every scorecard of a canonical
  // period as of the database clock or any earlier day and answers those; other
  // scorecards (a day after the clock, a custom range, a closed period, a read
  // inside a transaction of this handle) come from the reference evaluator. It
  // is loaded from its stored snapshot and the log tail when the handle asks
  // for many scorecards (reports, scorecards()), subscribes or checks its
  // health, and for single scorecards once loading pays (at once on a small
  // log; docs/kpi.md, "Loading"), and catches up with the log before answering
  // and after each commit through this handle.
  //
  // Calls `listener` once per scorecard whose figures an event changed, after
  // the change is committed (ScoreListener). Returns a token for
  // unsubscribe_scores(). StateError inside a transaction of this handle.
  std::uint64_t subscribe_scores(ScoreListener listener);
  // NotFoundError for a token not subscribed.
  void unsubscribe_scores(std::uint64_t token);
  // Compares the engine's state with a replay of the log up to the same event
  // and date; a difference is reported and the replay replaces the state.
  // StateError inside a transaction of this handle or a listener.
  KpiHealth kpi_health();
  // Saves the engine's state in the database now (it is also saved as the log
  // grows and when the handle closes). StateError inside a transaction.
  void save_kpi_snapshot();
  // What the engine holds and has done through this handle.
  KpiEngineStats kpi_engine_stats() const;

  // ---- Tracking and reports --------------------------------------------------
  // Reminders and the article's reports (pactum/tracking/reminder.hpp,
  // pactum/report/report.hpp, docs/reports.md). They read a tracking index
  // (per-contract folds and reminder windows) that catches up with the event
  // log before answering: the first call after new events writes the index
  // (one atomic write, a savepoint inside the caller's transaction), so these
  // calls may wait for another connection's write lock like any write.
  //
  // Every reminder whose trigger date is on or before `as_of` (default: the
  // database clock), whose condition holds on `as_of` and that was not
  // acknowledged; ordered by due date, contract, kind, instalment and step.
  // Messages are in the handle's language.
  std::vector<Reminder> reminders(std::optional<Date> as_of = std::nullopt) const;
  // Acknowledges a reminder for good (it is not returned again). A malformed
  // id is a ValidationError; an id naming no reminder of that contract (an
  // unknown contract, instalment, step or date), a NotFoundError.
  // Acknowledging again returns the first acknowledgement.
  Acknowledgement acknowledge(const std::string& reminder_id, const std::optional<std::string>& by = std::nullopt,
                              std::optional<Date> on = std::nullopt);
  // Acknowledgements, of one contract or (nullopt) all, by id.
  std::vector<Acknowledgement> acknowledgements(const std::optional<ContractRef>& contract = std::nullopt) const;
  // The lead time of `kind` for contracts of `type` (nullopt: the default of
  // every type without its own). Re-indexes the contracts concerned.
  void set_reminder_lead(ReminderKind kind, int days, const std::optional<std::string>& type = std::nullopt);
  // The lead times in force for `type` (nullopt: the database default).
  ReminderLeads reminder_leads(const std::optional<std::string>& type = std::nullopt) const;
  // Brings the tracking index up to date with the log now (the queries do it
  // themselves); returns the number of contracts re-indexed.
  std::int64_t catch_up_tracking();

  // Departments: contracts due, executed as agreed, execution rate, average
  // score, and the correlation across departments.
  DepartmentReport report_departments(const Period& period, std::optional<Date> as_of = std::nullopt) const;
  // Employees: signed amount, collection rate, score, ranks, classification.
  EmployeeReport report_employees(const Period& period, std::optional<Date> as_of = std::nullopt,
                                  const EmployeeReportOptions& options = {}) const;
  // The next `options.months` months from `as_of` (default: the clock).
  Forecast forecast(std::optional<Date> as_of = std::nullopt, const ForecastOptions& options = {}) const;
  // Instalments falling due and money collected per month of `period` up to
  // min(as_of, period end), in the reporting currency (pactum/report/html.hpp).
  CollectionTrend collection_trend(const Period& period, std::optional<Date> as_of = std::nullopt,
                                   const CollectionTrendOptions& options = {}) const;
  // The HTML report of `period` as of `as_of` (default: the clock) in the
  // handle's language: one self-contained page with the sections asked for
  // (every one by default), byte-identical for the same data.
  std::string report_html(const Period& period, std::optional<Date> as_of = std::nullopt,
                          const HtmlReportOptions& options = {}) const;

  // ---- Classification of employees -------------------------------------------
  // The decision table the employee report classifies with and the position
  // groups it compares within (pactum/report/classification.hpp,
  // docs/reports.md "Classification"). A new database holds the default
  // table (docs/classification-default.json).
  //
  // Checks and stores a classification table (a new version of its id, as
  // load_routing() does) and makes it the current one; refused when it has
  // gaps or overlaps unless allowed. Returns the findings.
  std::vector<RoutingFinding> load_classification(const std::string& table_json, const RoutingLoadOptions& options = {});
  std::vector<RoutingFinding> check_classification(const std::string& table_json) const;
  ClassificationTable classification_table() const;
  std::vector<RoutingTableInfo> classification_tables() const;
  // Employees in `position` are compared with those of `group` (nullopt:
  // with their own position again).
  void set_position_group(const std::string& position, const std::optional<std::string>& group);
  // The group of `position` (the position itself unless grouped).
  std::string position_group(const std::string& position) const;
  // Every grouped position and its group.
  std::map<std::string, std::string> position_groups() const;

  // ---- Import and export -----------------------------------------------------
  // Bulk import and the export of the whole database (pactum/io/import.hpp,
  // docs/import.md).
  //
  // Imports one CSV or JSON Lines file of `kind` in one atomic write (a
  // savepoint inside the caller's transaction). A bad row refuses the whole
  // file with the error of that row, its line and column in the message
  // (mode all), or is reported and left out (mode skip). Rows already
  // recorded with the same content change nothing; with other content they
  // are a ConflictError. A header the kind does not accept, or a missing
  // file, is refused before anything is written.
  ImportReport import_file(ImportKind kind, const std::string& path, const ImportOptions& options = {});
  // Writes every table as DIRECTORY/TABLE.jsonl (rows in primary-key order,
  // canonical JSON) and DIRECTORY/manifest.json, from one consistent
  // snapshot. The directory is created if needed; files are replaced.
  ExportSummary export_to(const std::string& directory) const;
  // Restores an export into this database, which must hold nothing a new
  // database would not hold (StateError otherwise) and must not be inside a
  // transaction. Sequence numbers, recording times, counters, voided numbers,
  // routing tables, settings, the clock and the reporting currency are kept
  // exactly: exporting the result gives byte-identical files. All or nothing.
  ExportSummary import_export(const std::string& directory);

  // Internal: the implementation shared by the library's compiled parts.
  struct Impl;
  Impl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace pactum
