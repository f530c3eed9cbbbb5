// Contracts: what was signed, by whom, for how much, and when it is due.
// Everything that happens to a contract afterwards is an event (event.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pactum/contract/attributes.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/contract/status.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"
#include "pactum/numbering/pattern.hpp"

namespace pactum {

// ---- Contract types ----------------------------------------------------------
// A type is a free lower-case word: an ASCII letter, then letters, digits or
// '_', at most 32 characters. The known ones drive the built-in KPI templates
// and the default routing table.
inline constexpr std::string_view kKnownContractTypes[] = {"sales", "labour", "procurement", "project", "patent"};
bool is_known_contract_type(std::string_view type) noexcept;
// A ValidationError unless `type` is a well-formed type word.
void validate_contract_type(std::string_view type);

// Which way a contract's payments go: money the company collects (sales,
// project, patent and any other type), money it pays (procurement), or
// neither (labour: wages are not collections).
enum class MoneyDirection : unsigned char { receivable, payable, none };
MoneyDirection money_direction(std::string_view type) noexcept;

// The numbering rule every new database defines and create_contract uses by
// default, and its pattern.
inline constexpr std::string_view kDefaultContractNumbering = "contract";
inline constexpr std::string_view kDefaultContractPattern = "HT-{year}-{dept}-{seq:4}";

// One payment due: `amount` on `due`.
struct Installment {
  Date due;
  Money amount;

  friend bool operator==(const Installment&, const Installment&) = default;
};

// Checks an instalment schedule against the contract amount: every amount
// positive and in the contract's currency (else a currency-mismatch error),
// dates not before `signed_on`, and the sum exactly `amount` (else a
// ValidationError naming the difference). Returns the schedule ordered by
// due date (stable for equal dates).
std::vector<Installment> checked_schedule(std::vector<Installment> schedule, const Money& amount, Date signed_on);

// What create_contract needs.
struct ContractSpec {
  std::string type;   // "sales", "labour", ... (see kKnownContractTypes)
  std::string owner;  // an employee id; the department is the owner's on `signed_on`
  Money amount;       // positive, in the contract's currency
  Date signed_on;
  std::optional<Date> start;  // default: signed_on
  std::optional<Date> end;    // nullopt: open-ended
  std::optional<Date> delivery_due;
  std::string counterparty;
  bool key_account = false;
  // Empty: one instalment of the whole amount, due on the delivery due date,
  // else the end date, else the signing date.
  std::vector<Installment> installments;
  std::string numbering = std::string(kDefaultContractNumbering);
  // Numbering fields; `dept`, `dept_name`, `employee` and `employee_name`
  // default to the directory's values for the owner on the signing date, and
  // `type` to the contract type.
  NumberFields fields;
  // The host's own id for the contract, unique. Creating again with the same
  // external id and the same terms returns the first contract; with other
  // terms it is a ConflictError.
  std::optional<std::string> external_id;
  Attributes attributes;
  std::optional<std::string> actor;  // who recorded it (free text)
};

struct Contract {
  std::int64_t id = 0;
  std::string number;
  std::string numbering;  // the rule that issued the number
  std::optional<std::string> external_id;
  std::string type;
  ContractStatus status = ContractStatus::draft;
  std::string owner;   // who holds it now (reassign() hands it over)
  std::string signer;  // who signed it: its first owner, for good
  std::string department;  // the signer's department on the signing date
  std::string counterparty;
  bool key_account = false;
  Money amount;
  // The amount in the database's reporting currency at `exchange_rate`, the
  // rate effective on the signing date (1 for the reporting currency),
  // rounded half-even to the reporting currency's minor unit.
  Money reporting_amount;
  Decimal exchange_rate;
  Date signed_on;
  Date start;
  std::optional<Date> end;
  std::optional<Date> delivery_due;
  std::vector<Installment> installments;  // ordered by due date
  Attributes attributes;
  std::optional<Date> activated_on;
  std::optional<Date> closed_on;        // completed / terminated / expired on
  std::optional<std::int64_t> renews;      // the predecessor's id
  std::optional<std::int64_t> renewed_by;  // the successor's id
  Money collected;  // payments less reversals, whatever their dates

  friend bool operator==(const Contract&, const Contract&) = default;
};

// A contract named by its id or its number.
class ContractRef {
 public:
  ContractRef(std::int64_t id) : ref_(id) {}                 // NOLINT: implicit by design
  ContractRef(int id) : ref_(static_cast<std::int64_t>(id)) {}  // NOLINT
  ContractRef(std::string number) : ref_(std::move(number)) {}  // NOLINT
  ContractRef(const char* number) : ref_(std::string(number != nullptr ? number : "")) {}  // NOLINT
  ContractRef(const Contract& c) : ref_(c.id) {}  // NOLINT

  bool is_id() const noexcept { return ref_.index() == 0; }
  std::int64_t id() const { return std::get<0>(ref_); }
  const std::string& number() const { return std::get<1>(ref_); }
  // "42" or the number, for messages.
  std::string to_string() const;

 private:
  std::variant<std::int64_t, std::string> ref_;
};

// find_contracts: every given criterion must hold. Results are ordered by id,
// at most `limit` (0: no limit), after the id `after` (paging).
struct ContractFilter {
  std::optional<std::string> owner;
  std::optional<std::string> department;
  std::optional<ContractStatus> status;
  std::optional<std::string> type;
  std::optional<std::string> counterparty;  // exact name
  std::optional<std::string> number_prefix;
  std::optional<std::string> external_id;
  std::optional<Date> signed_from;  // inclusive
  std::optional<Date> signed_to;    // inclusive
  int limit = 0;
  std::optional<std::int64_t> after;
};

// amend(): every field given is changed; the rest stays. The amount changes
// only with a new instalment schedule summing to it; a schedule alone
// reschedules the same amount.
struct Amendment {
  std::optional<Date> start;
  std::optional<Date> end;
  std::optional<Date> delivery_due;
  std::optional<std::string> counterparty;
  std::optional<bool> key_account;
  std::optional<Money> amount;
  std::optional<std::vector<Installment>> installments;
  Attributes set_attributes;                // added or replaced
  std::vector<std::string> remove_attributes;

  bool empty() const noexcept {
    return !start && !end && !delivery_due && !counterparty && !key_account && !amount && !installments &&
           set_attributes.empty() && remove_attributes.empty();
  }
};

// renew(): the successor copies the predecessor's type, owner, counterparty,
// key-account flag, currency, numbering rule and attributes; whatever is given
// here replaces them.
struct RenewalSpec {
  std::optional<Date> signed_on;  // default: the database clock
  std::optional<Date> start;      // default: the predecessor's end + 1 day, else the signing date
  std::optional<Date> end;
  std::optional<Date> delivery_due;
  std::optional<Money> amount;  // default: the predecessor's amount
  std::vector<Installment> installments;  // as in ContractSpec
  std::optional<std::string> owner;
  std::optional<std::string> numbering;
  NumberFields fields;
  std::optional<std::string> external_id;
  std::optional<Attributes> attributes;
  std::optional<std::string> actor;
};

// ---- Lifecycle rules (pure; docs/contracts.md) ----------------------------------

// PACTUM_ENOTFOUND (contract.unknown) naming `ref` (an id or a number).
[[noreturn]] void refuse_unknown_contract(const std::string& ref);
// Creating again with an external id already used: the same terms return
// the first contract (`number`); other terms are a ConflictError
// (contract.external_id_conflict). `first_terms` and `terms` are canonical
// terms texts (the created event's payload).
void require_same_terms(const std::string& external_id, const std::string& number, const std::string& first_terms,
                        const std::string& terms);
// A contract search's limit: 0 (no limit) or positive (contract.bad_limit).
void check_contract_limit(int limit);
// A contract's amount is positive (ValidationError contract.amount_not_positive).
void require_positive_amount(const Money& amount);
// Exchange rates: none for the reporting currency itself
// (contract.rate_for_reporting_currency), and only positive ones
// (contract.bad_rate); ValidationErrors.
void check_exchange_rate(Currency currency, Currency reporting, const Decimal& rate);
// No rate of `currency` known on `on`: PACTUM_ECURRENCY (contract.no_exchange_rate).
[[noreturn]] void refuse_no_exchange_rate(Currency currency, Date on, Currency reporting);
// Renewing contract `contract` (in `status`, signed `signed_on`) by a
// successor signed `successor_signed`: it must have been activated
// (StateError contract.renew_not_activated), not renewed already (conflict
// contract.already_renewed naming `renewed_by`, the successor's number), and
// the successor not signed before it (contract.before_signing).
void check_renewal(const std::string& contract, ContractStatus status, Date signed_on,
                   const std::optional<std::string>& renewed_by, Date successor_signed);

// ---- Handovers and expiry (pure rules; docs/contracts.md) --------------------

// What a handover reads of the contract.
struct HandoverFacts {
  std::string number;
  std::string owner;  // who holds it now
  Date signed_on;
  std::optional<Date> last_handover;  // the latest handover's effective date
};

// The handover of the contract to `to` from `on`: refused (ValidationError)
// when `to` already holds it, `on` is before its signing date or its latest
// handover, or the reason is empty.
Reassignment plan_reassignment(const HandoverFacts& contract, const std::string& to, Date on,
                               const std::string& reason);

// Whether a contract expires when the clock reaches `clock`: it is in force
// (active or breached), not renewed, and its end date lies before `clock`
// (the contract runs to the end of its end date). It expires on its end date.
bool expires_by(ContractStatus status, const std::optional<Date>& end, bool renewed, Date clock) noexcept;

// One instalment as of a date.
struct InstallmentStatus {
  int position = 0;  // 1-based, in due-date order
  Date due;
  Money amount;
  Money paid;          // allocated to it as of the as-of date (payments go to the earliest first)
  Money paid_by_due;   // allocated to it counting payments effective on or before its due date
  // The date collections first covered it in full (and stayed covered up to the as-of date).
  std::optional<Date> paid_in_full_on;
  // Due on or before the as-of date (the end of that day) and not fully paid
  // by the payments effective on or before its due date.
  bool overdue = false;
};

// execution(): a contract's performance as of a date, from its events
// effective on or before that date.
struct ExecutionSummary {
  std::int64_t contract = 0;
  Date as_of;
  Money amount;
  Money collected;    // payments less reversals effective on or before as_of
  Money outstanding;  // amount - collected (negative when over-paid)
  // collected / amount exactly, and rounded half-even to 6 decimals.
  Ratio collection_ratio;
  Decimal collection_rate;
  std::vector<InstallmentStatus> installments;
  int overdue_installments = 0;
  std::optional<Date> delivery_due;
  std::optional<Date> delivered_on;  // the first accepted delivery
  int failed_deliveries = 0;         // deliveries refused for quality
  // Days between the due date and the accepted delivery (negative: early);
  // without a delivery yet, the days the as-of date is past due (0 if not
  // due). nullopt when the contract has no delivery due date.
  std::optional<std::int64_t> delivery_late_days;
  int satisfaction_count = 0;
  std::optional<Decimal> satisfaction_average;  // rounded half-even to 2 decimals
  int disputes = 0;
  int breaches = 0;
  int amendments = 0;
};

}  // namespace pactum
