// The schema, as forward migrations. Each entry moves a database from the
// previous version to `version`; released entries never change (append new
// ones). A new database runs them all.
#include "database_impl.hpp"

namespace pactum::store {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "settings",
       R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Numbering: versioned rules, one counter per (rule, scope key), and the
-- registry of issued numbers. The registry's primary key is the number
-- itself (BINARY collation): it guarantees uniqueness and serves prefix
-- search as a range scan. The next sequence of a counter is the larger of
-- next_seq (where it starts, or the end of the last fast-mode block) and one
-- past the highest sequence it issued, so that issuing a number writes the
-- registry row only: one statement, atomic by itself. The engine keeps the
-- references (rule version, counter) right; they are not foreign keys, to
-- keep that statement lean.
CREATE TABLE numbering_rule (
  rule_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  pattern TEXT NOT NULL,
  mode    TEXT NOT NULL CHECK (mode IN ('gapless', 'fast')),
  PRIMARY KEY (rule_id, version)
) WITHOUT ROWID;

CREATE TABLE numbering_counter (
  id       INTEGER PRIMARY KEY,
  rule_id  TEXT NOT NULL,
  scope    TEXT NOT NULL,
  next_seq INTEGER NOT NULL CHECK (next_seq >= 1),
  UNIQUE (rule_id, scope)
);

CREATE TABLE numbering_issued (
  number       TEXT NOT NULL COLLATE BINARY PRIMARY KEY,
  rule_id      TEXT NOT NULL,
  rule_version INTEGER NOT NULL,
  counter      INTEGER NOT NULL,
  seq          INTEGER NOT NULL CHECK (seq >= 1),
  issued_on    TEXT NOT NULL,
  owner        TEXT,
  voided       INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason  TEXT,
  voided_on    TEXT
) WITHOUT ROWID;
CREATE INDEX numbering_issued_by_counter ON numbering_issued (counter, seq);
)sql"},
      {2, "org directory, contracts, event log",
       // Dates are ISO text; '' in valid_from means "since always" (it sorts
       // before every date) and '' in role_assignments.department means
       // company-wide. Money columns are 64-bit counts of 10^-4 units.
       R"sql(
CREATE TABLE departments (
  code   TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  parent TEXT REFERENCES departments(code)
) WITHOUT ROWID;

CREATE TABLE employees (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  manager TEXT REFERENCES employees(id),
  hired   TEXT,
  left_on TEXT
) WITHOUT ROWID;

CREATE TABLE postings (
  employee   TEXT NOT NULL REFERENCES employees(id),
  valid_from TEXT NOT NULL,
  department TEXT NOT NULL REFERENCES departments(code),
  position   TEXT NOT NULL,
  PRIMARY KEY (employee, valid_from)
) WITHOUT ROWID;
CREATE INDEX postings_by_department ON postings(department, employee);

CREATE TABLE department_managers (
  department TEXT NOT NULL REFERENCES departments(code),
  valid_from TEXT NOT NULL,
  employee   TEXT NOT NULL REFERENCES employees(id),
  PRIMARY KEY (department, valid_from)
) WITHOUT ROWID;

CREATE TABLE role_assignments (
  role        TEXT NOT NULL,
  department  TEXT NOT NULL,
  employee    TEXT NOT NULL REFERENCES employees(id),
  valid_from  TEXT NOT NULL,
  valid_until TEXT,
  PRIMARY KEY (role, department, employee, valid_from)
) WITHOUT ROWID;
CREATE INDEX role_assignments_by_employee ON role_assignments(employee);

CREATE TABLE exchange_rates (
  currency   TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  rate       TEXT NOT NULL,
  PRIMARY KEY (currency, valid_from)
) WITHOUT ROWID;

CREATE TABLE contracts (
  id               INTEGER PRIMARY KEY,
  number           TEXT NOT NULL UNIQUE,
  numbering        TEXT NOT NULL,
  external_id      TEXT UNIQUE,
  type             TEXT NOT NULL,
  status           TEXT NOT NULL,
  owner            TEXT NOT NULL REFERENCES employees(id),
  department       TEXT NOT NULL REFERENCES departments(code),
  counterparty     TEXT NOT NULL,
  key_account      INTEGER NOT NULL,
  currency         TEXT NOT NULL,
  amount           INTEGER NOT NULL,
  reporting_amount INTEGER NOT NULL,
  exchange_rate    TEXT NOT NULL,
  signed_on        TEXT NOT NULL,
  start_on         TEXT NOT NULL,
  end_on           TEXT,
  delivery_due     TEXT,
  activated_on     TEXT,
  closed_on        TEXT,
  renews           INTEGER UNIQUE REFERENCES contracts(id),
  collected        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contracts_by_owner ON contracts(owner, id);
CREATE INDEX contracts_by_department ON contracts(department, id);
CREATE INDEX contracts_by_status ON contracts(status, id);
CREATE INDEX contracts_by_counterparty ON contracts(counterparty, id);
CREATE INDEX contracts_by_signed ON contracts(signed_on, id);

CREATE TABLE installments (
  contract INTEGER NOT NULL REFERENCES contracts(id),
  position INTEGER NOT NULL,
  due      TEXT NOT NULL,
  amount   INTEGER NOT NULL,
  PRIMARY KEY (contract, position)
) WITHOUT ROWID;
CREATE INDEX installments_by_due ON installments(due, contract);

CREATE TABLE contract_attributes (
  contract INTEGER NOT NULL REFERENCES contracts(id),
  name     TEXT NOT NULL,
  type     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (contract, name)
) WITHOUT ROWID;

CREATE TABLE events (
  seq         INTEGER PRIMARY KEY,
  type        INTEGER NOT NULL,
  contract    INTEGER REFERENCES contracts(id),
  effective   TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  actor       TEXT,
  source      TEXT NOT NULL,
  idem_key    TEXT,
  amount      INTEGER,
  ref         INTEGER REFERENCES events(seq),
  value       INTEGER,
  reason      TEXT,
  payload     TEXT
);
CREATE UNIQUE INDEX events_by_key ON events(source, idem_key) WHERE idem_key IS NOT NULL;
CREATE UNIQUE INDEX events_reversal_once ON events(ref) WHERE type = 4;
CREATE INDEX events_by_contract ON events(contract, seq);
CREATE INDEX events_by_effective ON events(effective, seq);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

-- The default numbering rule of contracts (kept if a rule of that name exists).
INSERT OR IGNORE INTO numbering_rule(rule_id, version, pattern, mode)
  VALUES('contract', 1, 'HT-{year}-{dept}-{seq:4}', 'gapless');
)sql"},
      {3, "approval routing tables",
       // Every version of every routing table (its canonical document) and
       // the one new contracts are routed with; a new database routes with
       // the default table of docs/routing-default.json (a test keeps the
       // document below equal to RoutingTable::default_table().to_json()).
       R"sql(
CREATE TABLE routing_tables (
  id       TEXT NOT NULL,
  version  INTEGER NOT NULL CHECK (version >= 1),
  document TEXT NOT NULL,
  PRIMARY KEY (id, version)
) WITHOUT ROWID;

CREATE TABLE routing_current (
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  id      TEXT NOT NULL,
  version INTEGER NOT NULL,
  FOREIGN KEY (id, version) REFERENCES routing_tables (id, version)
);

INSERT OR IGNORE INTO routing_tables(id, version, document) VALUES('default', 1,
  '{"id":"default","version":1,"hit_policy":"UNIQUE","description":"The default approval routing of Pactum. Amounts are compared in the reporting currency; 50000 and 100000 themselves take the middle route.",'
  || '"inputs":[{"name":"type","type":"text","description":"contract type"},{"name":"amount","type":"money","description":"contract amount in the reporting currency"}],'
  || '"step_order":[{"role":"dept_manager"},{"role":"hr"},{"role":"legal"},{"role":"finance"},{"role":"general_manager"}],'
  || '"rules":[{"id":"labour","description":"labour contracts: department manager, then HR, whatever the amount","when":{"type":"\"labour\""},"route":[{"role":"dept_manager","mode":"any"},{"role":"hr","mode":"any"}]},'
  || '{"id":"under-50000","description":"amount below 50,000: department manager","when":{"amount":"< 50000","type":"not(\"labour\")"},"route":[{"role":"dept_manager","mode":"any"}]},'
  || '{"id":"50000-to-100000","description":"amount from 50,000 to 100,000 inclusive: department manager, then finance","when":{"amount":"[50000..100000]","type":"not(\"labour\")"},"route":[{"role":"dept_manager","mode":"any"},{"role":"finance","mode":"any"}]},'
  || '{"id":"over-100000","description":"amount above 100,000: department manager, then finance, then the general manager","when":{"amount":"> 100000","type":"not(\"labour\")"},"route":[{"role":"dept_manager","mode":"any"},{"role":"finance","mode":"any"},{"role":"general_manager","mode":"any"}]}]}');
INSERT OR IGNORE INTO routing_current(one, id, version) VALUES(1, 'default', 1);
)sql"},
  };
  return all;
}

}  // namespace pactum::store
