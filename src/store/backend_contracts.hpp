// Internal: the storage interface's records of contracts (backend.hpp):
// contracts, their instalments and deliverables, exchange rates and the other contract records.
// Records are stored as given; the rules over them are the domain's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pactum/contract/attributes.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"

namespace pactum::store {

// The columns of a contract the event code needs, read in one statement.
struct ContractRow {
  std::int64_t id = 0;
  std::string number;
  ContractStatus status = ContractStatus::draft;
  Currency currency;
  std::int64_t amount = 0;
  std::int64_t collected = 0;
  Date signed_on;
  std::optional<Date> activated_on;
  std::optional<Date> closed_on;

  friend bool operator==(const ContractRow&, const ContractRow&) = default;
};

// A contract in force whose end date has passed.
struct PastEndRecord {
  std::int64_t id = 0;
  Date end;
  ContractStatus status = ContractStatus::active;

  friend bool operator==(const PastEndRecord&, const PastEndRecord&) = default;
};

class ContractRecords {
 public:
  virtual ~ContractRecords() = default;

  // ---- Contracts ----
  // The contract's row (with its collected total); nullopt for an unknown id.
  virtual std::optional<ContractRow> row(std::int64_t id) = 0;
  // The row of the contract numbered `number`; nullopt when none is.
  virtual std::optional<ContractRow> row_by_number(const std::string& number) = 0;
  // The whole contract: its columns, instalments by position, attributes,
  // the contract renewing it and its collected total (the reporting amount
  // in the database's reporting currency); nullopt for an unknown id.
  virtual std::optional<Contract> contract(std::int64_t id) = 0;
  // The contract's terms, status and dates with its instalments by position;
  // its numbering, external id, signer, attributes, renewals and collected
  // total are left as constructed. nullopt for an unknown id.
  virtual std::optional<Contract> terms(std::int64_t id) = 0;
  // One past the highest contract id (1 when there is none).
  virtual std::int64_t next_id() = 0;
  // Stores a new contract as given: its columns (renewed_by aside: it is
  // the successor's renews), its collected total, its instalments (positions
  // from 1 in the given order) and its attributes.
  virtual void insert_contract(const Contract& c) = 0;
  // The contract with that external id, if any.
  virtual std::optional<std::int64_t> id_by_external_id(const std::string& external_id) = 0;
  // The ids of the contracts meeting every criterion `filter` gives (a
  // number prefix: numbers starting with it), ascending, above
  // `filter.after`, at most `filter.limit` of them (0: no limit).
  virtual std::vector<std::int64_t> find(const ContractFilter& filter) = 0;
  // The contract's current owner ("" for an unknown id).
  virtual std::string owner(std::int64_t id) = 0;
  // The contracts active or breached, renewed by no contract, whose end date
  // is before `day`, by end date then id.
  virtual std::vector<PastEndRecord> in_force_past_end(Date day) = 0;

  virtual void store_status(std::int64_t id, ContractStatus status) = 0;
  // The status and the activation date.
  virtual void store_activation(std::int64_t id, ContractStatus status, Date on) = 0;
  // The status and the closing date.
  virtual void store_closing(std::int64_t id, ContractStatus status, Date on) = 0;
  // The amendable terms of `c` (by c.id): start, end, delivery due date,
  // counterparty, key account, amount and reporting amount.
  virtual void store_terms(const Contract& c) = 0;
  virtual void store_owner(std::int64_t id, const std::string& owner) = 0;
  // The collected total (units of the contract's currency), 0 when none is
  // stored.
  virtual std::int64_t collected(std::int64_t id) = 0;
  virtual void store_collected(std::int64_t id, std::int64_t collected) = 0;

  // ---- Instalments and attributes ----
  // The contract's instalments, replacing the stored ones (positions from 1
  // in the given order).
  virtual void replace_installments(std::int64_t id, const std::vector<Installment>& schedule) = 0;
  // Adds or replaces the attribute `name`.
  virtual void store_attribute(std::int64_t id, const std::string& name, const AttributeValue& value) = 0;
  virtual void remove_attribute(std::int64_t id, const std::string& name) = 0;

  // ---- Handovers ----
  // The effective date of the contract's last handover, if any.
  virtual std::optional<Date> last_handover(std::int64_t id) = 0;
  // A handover recorded by the event `seq`.
  virtual void insert_handover(std::int64_t id, std::int64_t seq, Date effective, const std::string& from,
                               const std::string& to) = 0;

  // ---- Exchange rates ----
  // The rate of `currency` from the latest date on or before `on`, if any.
  virtual std::optional<Decimal> rate_on(const std::string& currency, Date on) = 0;
  // The rate of `currency` from `from`, replacing one of that date.
  virtual void store_rate(const std::string& currency, Date from, const Decimal& rate) = 0;

  // ---- Reads of the event log (table events) ----
  // The sequence number of the contract's first event of `type`.
  virtual std::optional<std::int64_t> first_event(std::int64_t contract, EventType type) = 0;
  // The sequence number of an event of `type` whose ref is `ref`.
  virtual std::optional<std::int64_t> event_with_ref(EventType type, std::int64_t ref) = 0;
  // The sequence number of the last event of `type` effective on `on`.
  virtual std::optional<std::int64_t> last_event_on(EventType type, Date on) = 0;
};

}  // namespace pactum::store
