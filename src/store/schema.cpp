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
  renews           INTEGER UNIQUE REFERENCES contracts(id)
);
CREATE INDEX contracts_by_owner ON contracts(owner, id);
CREATE INDEX contracts_by_department ON contracts(department, id);
CREATE INDEX contracts_by_status ON contracts(status, id);
CREATE INDEX contracts_by_counterparty ON contracts(counterparty, id);
CREATE INDEX contracts_by_signed ON contracts(signed_on, id);
-- Payments less reversals per contract, kept with every payment event (a
-- narrow row: it is rewritten once per payment).
CREATE TABLE contract_totals (
  contract  INTEGER PRIMARY KEY REFERENCES contracts(id),
  collected INTEGER NOT NULL
);

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
      {4, "KPI templates, bindings, targets, rule settings, bonus bands, closed periods",
       // Settings keep their history: each row is stamped with the last event
       // seq when it was written (since_seq), and a closed period's
       // scorecards read the rows written before its period_closed event.
       // The built-in templates are the documents of
       // KpiTemplate::builtins() (a test keeps them equal).
       R"sql(
CREATE TABLE kpi_templates (
  id        TEXT NOT NULL,
  version   INTEGER NOT NULL CHECK (version >= 1),
  document  TEXT NOT NULL,
  since_seq INTEGER NOT NULL,
  PRIMARY KEY (id, version)
) WITHOUT ROWID;

CREATE TABLE kpi_bindings (
  id        INTEGER PRIMARY KEY,
  position  TEXT NOT NULL,
  template  TEXT,
  since_seq INTEGER NOT NULL
);
CREATE INDEX kpi_bindings_by_position ON kpi_bindings(position, since_seq, id);

CREATE TABLE kpi_targets (
  id        INTEGER PRIMARY KEY,
  indicator TEXT NOT NULL,
  scope     TEXT NOT NULL CHECK (scope IN ('position', 'employee')),
  subject   TEXT NOT NULL,
  period    TEXT NOT NULL,
  value     TEXT NOT NULL,
  per       TEXT CHECK (per IN ('month', 'quarter', 'year')),
  since_seq INTEGER NOT NULL
);
CREATE INDEX kpi_targets_by_subject ON kpi_targets(scope, subject, indicator, period, since_seq, id);

CREATE TABLE kpi_rule_settings (
  id        INTEGER PRIMARY KEY,
  template  TEXT NOT NULL,
  rule      TEXT NOT NULL,
  enabled   INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  points    TEXT NOT NULL,
  cap       TEXT,
  since_seq INTEGER NOT NULL
);
CREATE INDEX kpi_rule_settings_by_rule ON kpi_rule_settings(template, rule, since_seq, id);

CREATE TABLE kpi_bonus_bands (
  id        INTEGER PRIMARY KEY,
  template  TEXT NOT NULL,
  document  TEXT NOT NULL,
  since_seq INTEGER NOT NULL
);
CREATE INDEX kpi_bonus_bands_by_template ON kpi_bonus_bands(template, since_seq, id);

CREATE TABLE kpi_periods (
  period     TEXT PRIMARY KEY,
  closed_seq INTEGER REFERENCES events(seq)
) WITHOUT ROWID;

INSERT OR IGNORE INTO kpi_templates(id, version, document, since_seq) VALUES('sales', 1,
  '{"id":"sales","version":1,"name":"Sales","description":"Sales template of the source article: signed amount, c'
  || 'ollection, customer satisfaction, execution cycle.","collection_grace_days":0,"indicators":[{"name":"signed_am'
  || 'ount","metric":"signed_amount","types":["sales"],"weight":"40","normalisation":"target","target":"1000000","pe'
  || 'r":"quarter"},{"name":"collection_rate","metric":"collection_rate","types":["sales"],"weight":"30","normalisat'
  || 'ion":"rate"},{"name":"satisfaction","metric":"satisfaction","types":["sales"],"weight":"20","normalisation":"r'
  || 'ate"},{"name":"execution_cycle","metric":"cycle_days","types":["sales"],"weight":"10","normalisation":"target_'
  || 'lower","target":"30"}],"rules":[{"rule":"collection_80","enabled":true,"points":"5","threshold":"0.8"},{"rule"'
  || ':"installment_overdue","enabled":true,"points":"-3"},{"rule":"late_delivery","enabled":true,"points":"-2","day'
  || 's":5},{"rule":"early_delivery","enabled":true,"points":"10"},{"rule":"breach","enabled":true,"points":"-15"}]}', 0);
INSERT OR IGNORE INTO kpi_templates(id, version, document, since_seq) VALUES('rnd', 1,
  '{"id":"rnd","version":1,"name":"R&D","description":"R&D template of the source article: delivery cycle of proj'
  || 'ects, patent contracts, contract change rate.","collection_grace_days":0,"indicators":[{"name":"delivery_cycle'
  || '","metric":"cycle_days","types":["project"],"weight":"50","normalisation":"target_lower","target":"90"},{"name'
  || '":"patent_contracts","metric":"contract_count","types":["patent"],"weight":"30","normalisation":"target","targ'
  || 'et":"2","per":"year"},{"name":"change_rate","metric":"change_rate","types":["project","patent"],"weight":"20",'
  || '"normalisation":"inverse_rate"}],"rules":[{"rule":"collection_80","enabled":true,"points":"5","threshold":"0.8'
  || '"},{"rule":"installment_overdue","enabled":true,"points":"-3"},{"rule":"late_delivery","enabled":true,"points"'
  || ':"-2","days":5},{"rule":"early_delivery","enabled":true,"points":"10"},{"rule":"breach","enabled":true,"points'
  || '":"-15"}]}', 0);
INSERT OR IGNORE INTO kpi_templates(id, version, document, since_seq) VALUES('procurement', 1,
  '{"id":"procurement","version":1,"name":"Procurement","description":"Procurement template of the source article'
  || ': supplier fulfilment, cost reduction, disputes.","collection_grace_days":0,"indicators":[{"name":"fulfilment_'
  || 'rate","metric":"fulfilment_rate","types":["procurement"],"weight":"60","normalisation":"rate"},{"name":"cost_r'
  || 'eduction","metric":"cost_reduction_rate","types":["procurement"],"weight":"30","normalisation":"target","targe'
  || 't":"0.1"},{"name":"dispute_rate","metric":"dispute_rate","types":["procurement"],"weight":"10","normalisation"'
  || ':"inverse_rate"}],"rules":[{"rule":"collection_80","enabled":true,"points":"5","threshold":"0.8"},{"rule":"ins'
  || 'tallment_overdue","enabled":true,"points":"-3"},{"rule":"late_delivery","enabled":true,"points":"-2","days":5}'
  || ',{"rule":"early_delivery","enabled":true,"points":"10"},{"rule":"breach","enabled":true,"points":"-15"}]}', 0);
INSERT INTO kpi_bindings(position, template, since_seq) VALUES('sales', 'sales', 0), ('rnd', 'rnd', 0),
  ('procurement', 'procurement', 0);
)sql"},
      {5, "approval route instances, steps, approvers, history, delegations",
       // One approval_routes row per submission (round) of a contract; its
       // steps as the routing table gave them, with the state each reached;
       // the approvers of each opened step; the history (every action and
       // every rerouting or escalation, with the reason as a catalog key and
       // its arguments); delegation windows (inclusive dates).
       R"sql(
CREATE TABLE approval_routes (
  id             INTEGER PRIMARY KEY,
  contract       INTEGER NOT NULL REFERENCES contracts(id),
  round          INTEGER NOT NULL CHECK (round >= 1),
  table_id       TEXT NOT NULL,
  table_version  INTEGER NOT NULL,
  hit_policy     TEXT NOT NULL,
  matched_rules  TEXT NOT NULL,
  inputs         TEXT NOT NULL,
  submitter      TEXT NOT NULL REFERENCES employees(id),
  owner          TEXT NOT NULL REFERENCES employees(id),
  department     TEXT NOT NULL REFERENCES departments(code),
  submitted_on   TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('in_review', 'approved', 'rejected', 'sent_back', 'withdrawn')),
  current_step   INTEGER,
  steps          INTEGER NOT NULL CHECK (steps >= 1),
  last_action_on TEXT NOT NULL,
  ended_on       TEXT,
  UNIQUE (contract, round),
  FOREIGN KEY (table_id, table_version) REFERENCES routing_tables (id, version)
);

CREATE TABLE approval_steps (
  route          INTEGER NOT NULL REFERENCES approval_routes(id),
  step           INTEGER NOT NULL CHECK (step >= 1),
  approver_kind  TEXT NOT NULL CHECK (approver_kind IN ('role', 'person')),
  approver       TEXT NOT NULL,
  mode           TEXT NOT NULL CHECK (mode IN ('any', 'all', 'k_of_n')),
  k              INTEGER NOT NULL CHECK (k >= 1),
  deadline_days  INTEGER,
  escalate_kind  TEXT CHECK (escalate_kind IN ('role', 'person')),
  escalate_to    TEXT,
  required       INTEGER NOT NULL DEFAULT 0,
  approvals      INTEGER NOT NULL DEFAULT 0,
  opened_on      TEXT,
  due_on         TEXT,
  escalated_on   TEXT,
  closed_on      TEXT,
  PRIMARY KEY (route, step)
) WITHOUT ROWID;
-- The open steps whose deadline may pass (the clock's escalation scan).
CREATE INDEX approval_steps_due ON approval_steps(due_on)
  WHERE due_on IS NOT NULL AND escalated_on IS NULL AND closed_on IS NULL AND escalate_to IS NOT NULL;

CREATE TABLE approval_approvers (
  route       INTEGER NOT NULL,
  step        INTEGER NOT NULL,
  employee    TEXT NOT NULL REFERENCES employees(id),
  position    INTEGER NOT NULL,
  origin      TEXT NOT NULL CHECK (origin IN ('route', 'rerouted', 'escalation')),
  added_on    TEXT NOT NULL,
  approved_on TEXT,
  approved_by TEXT REFERENCES employees(id),
  PRIMARY KEY (route, step, employee),
  FOREIGN KEY (route, step) REFERENCES approval_steps (route, step)
) WITHOUT ROWID;
-- Pending approvals by approver (inboxes).
CREATE INDEX approval_approvers_pending ON approval_approvers(employee) WHERE approved_on IS NULL;

CREATE TABLE approval_history (
  id           INTEGER PRIMARY KEY,
  route        INTEGER NOT NULL REFERENCES approval_routes(id),
  contract     INTEGER NOT NULL REFERENCES contracts(id),
  step         INTEGER,
  action       TEXT NOT NULL
               CHECK (action IN ('submitted', 'approved', 'rejected', 'sent_back', 'withdrawn', 'rerouted', 'escalated')),
  actor        TEXT,
  on_behalf_of TEXT,
  comment      TEXT NOT NULL DEFAULT '',
  effective    TEXT NOT NULL,
  reasons      TEXT,
  approvers    TEXT,
  event        INTEGER REFERENCES events(seq)
);
CREATE INDEX approval_history_by_contract ON approval_history(contract, id);

CREATE TABLE approval_delegations (
  id         INTEGER PRIMARY KEY,
  person     TEXT NOT NULL REFERENCES employees(id),
  delegate   TEXT NOT NULL REFERENCES employees(id),
  valid_from TEXT NOT NULL,
  valid_to   TEXT NOT NULL,
  CHECK (valid_from <= valid_to),
  CHECK (person <> delegate),
  UNIQUE (person, delegate, valid_from, valid_to)
);
CREATE INDEX approval_delegations_by_delegate ON approval_delegations(delegate, valid_from);
)sql"},
      {6, "tracking index, reminder lead times and acknowledgements",
       // The tracking index (docs/reports.md) is a fold of the event log kept
       // in step with it: tracking_state.applied_seq is the last event folded,
       // and every reminder or report query first folds again the contracts
       // of later events. tracking_contracts holds one fold per contract (what
       // the reports read); reminder_index the days on which each reminder a
       // contract can give may hold (kind: 1 expiry, 2 payment_due,
       // 3 payment_overdue, 4 delivery_due, 5 delivery_late,
       // 6 approval_overdue; item: the instalment or the approval step).
       // Lead times per contract type ('' = every type) and acknowledgements
       // are settings and facts, not derived.
       R"sql(
CREATE TABLE tracking_state (
  one         INTEGER PRIMARY KEY CHECK (one = 1),
  applied_seq INTEGER NOT NULL
);
INSERT INTO tracking_state(one, applied_seq) VALUES(1, 0);

CREATE TABLE tracking_contracts (
  contract          INTEGER PRIMARY KEY REFERENCES contracts(id),
  type              TEXT NOT NULL,
  department        TEXT NOT NULL,
  owner             TEXT NOT NULL,
  key_account       INTEGER NOT NULL,
  signed_on         TEXT NOT NULL,
  activated_on      TEXT,
  closed_on         TEXT,
  renewed_on        TEXT,
  end_on            TEXT,
  delivery_due      TEXT,
  delivered_on      TEXT,
  late_due          TEXT,
  currency          TEXT NOT NULL,
  amount            INTEGER NOT NULL,
  reporting_amount  INTEGER NOT NULL,
  exchange_rate     TEXT NOT NULL,
  reversed          INTEGER NOT NULL,
  collected_full_on TEXT,
  collections       TEXT NOT NULL,
  schedule          TEXT NOT NULL
);
CREATE INDEX tracking_contracts_by_delivery_due ON tracking_contracts(delivery_due) WHERE activated_on IS NOT NULL;
CREATE INDEX tracking_contracts_by_signed ON tracking_contracts(signed_on) WHERE activated_on IS NOT NULL;
CREATE INDEX tracking_contracts_by_end ON tracking_contracts(end_on) WHERE activated_on IS NOT NULL;
CREATE INDEX tracking_contracts_by_collected ON tracking_contracts(collected_full_on) WHERE activated_on IS NOT NULL;

CREATE TABLE reminder_index (
  contract           INTEGER NOT NULL REFERENCES contracts(id),
  kind               INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),
  round              INTEGER NOT NULL,
  item               INTEGER NOT NULL,
  due                TEXT NOT NULL,
  trigger_on         TEXT NOT NULL,
  open_from          TEXT NOT NULL,
  settled_on         TEXT,
  exact              INTEGER NOT NULL,
  installment_amount INTEGER,
  unpaid_final       INTEGER,
  payments_final_on  TEXT,
  acknowledged       INTEGER NOT NULL,
  PRIMARY KEY (contract, kind, round, item)
) WITHOUT ROWID;
-- payment_due and delivery_due hold from due - lead up to the due date.
CREATE INDEX reminder_index_upcoming ON reminder_index(kind, due)
  WHERE acknowledged = 0 AND kind IN (2, 4);
-- The other kinds hold from open_from until settled_on (NULL: still open).
CREATE INDEX reminder_index_open ON reminder_index(settled_on, open_from)
  WHERE acknowledged = 0 AND kind IN (1, 3, 5, 6);

CREATE TABLE reminder_leads (
  type TEXT NOT NULL,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),
  days INTEGER NOT NULL,
  PRIMARY KEY (type, kind)
) WITHOUT ROWID;

CREATE TABLE reminder_acks (
  id              TEXT PRIMARY KEY,
  contract        INTEGER NOT NULL REFERENCES contracts(id),
  acknowledged_on TEXT NOT NULL,
  actor           TEXT,
  recorded_at     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX reminder_acks_by_contract ON reminder_acks(contract, id);
)sql"},
      {7, "incremental KPI engine snapshot",
       // The incremental KPI engine's state (docs/kpi.md, "Incremental
       // engine"): part 0 is a header line (layout, last applied event seq,
       // part count, byte count, that event's fingerprint), parts 1..n the
       // state's framed parts (layout 2: bytes in the TEXT-declared column,
       // which keeps blobs as they are; layout 1 held base64 text). Derived
       // data: a damaged or stale snapshot is ignored and the log replayed.
       R"sql(
CREATE TABLE kpi_snapshot (
  part INTEGER PRIMARY KEY,
  data TEXT NOT NULL
);
)sql"},
      {8, "signers and handovers, scopes and coverage in the built-in templates, employee classification",
       // A contract keeps who signed it (its owner may change: reassign()),
       // and every handover is a row beside its `reassigned` event (derived,
       // like contract_totals). The built-in templates get version 2
       // (KpiTemplate::builtins(); a test keeps them equal) where the
       // latest is still the shipped version 1. Classification tables are
       // decision tables of the routing engine (docs/reports.md), stored and
       // versioned like routing tables; position groups say who is compared
       // with whom. The KPI snapshot format changed: the old one is dropped.
       R"sql(
ALTER TABLE contracts ADD COLUMN signer TEXT REFERENCES employees(id);
UPDATE contracts SET signer = owner;
CREATE INDEX contracts_by_signer ON contracts(signer, id);
CREATE INDEX contracts_in_force_by_end ON contracts(end_on) WHERE status IN ('active', 'breached');

CREATE TABLE contract_handovers (
  contract   INTEGER NOT NULL REFERENCES contracts(id),
  seq        INTEGER NOT NULL,
  effective  TEXT NOT NULL,
  from_owner TEXT NOT NULL REFERENCES employees(id),
  to_owner   TEXT NOT NULL REFERENCES employees(id),
  PRIMARY KEY (contract, seq)
) WITHOUT ROWID;
CREATE INDEX contract_handovers_by_owner ON contract_handovers(to_owner, contract);

INSERT INTO kpi_templates(id, version, document, since_seq)
  SELECT 'sales', 2,
  '{"id":"sales","version":2,"name":"Sales","description":"Sales template of the source article: signed amount, c'
  || 'ollection, customer satisfaction, execution cycle.","collection_grace_days":0,"to_date":"quarter","no_data":"r'
  || 'eweight","indicators":[{"name":"signed_amount","metric":"signed_amount","types":["sales"],"weight":"40","norma'
  || 'lisation":"target","target":"1000000","per":"quarter","scope":"to_date"},{"name":"collection_rate","metric":"c'
  || 'ollection_rate","types":["sales"],"weight":"30","normalisation":"rate"},{"name":"satisfaction","metric":"satis'
  || 'faction","types":["sales"],"weight":"20","normalisation":"rate"},{"name":"execution_cycle","metric":"cycle_day'
  || 's","types":["sales"],"weight":"10","normalisation":"target_lower","target":"30"}],"rules":[{"rule":"collection'
  || '_80","enabled":true,"points":"5","threshold":"0.8"},{"rule":"installment_overdue","enabled":true,"points":"-3"'
  || '},{"rule":"late_delivery","enabled":true,"points":"-2","days":5},{"rule":"early_delivery","enabled":true,"poin'
  || 'ts":"10"},{"rule":"breach","enabled":true,"points":"-15","days":30,"triggers":["event","quality","overdue"]}]}',
  (SELECT COALESCE(MAX(seq), 0) FROM events)
  WHERE (SELECT MAX(version) FROM kpi_templates WHERE id = 'sales') = 1;
INSERT INTO kpi_templates(id, version, document, since_seq)
  SELECT 'rnd', 2,
  '{"id":"rnd","version":2,"name":"R&D","description":"R&D template of the source article: delivery cycle of proj'
  || 'ects, patent contracts, contract change rate.","collection_grace_days":0,"to_date":"quarter","no_data":"reweig'
  || 'ht","indicators":[{"name":"delivery_cycle","metric":"cycle_days","types":["project"],"weight":"50","normalisat'
  || 'ion":"target_lower","target":"90"},{"name":"patent_contracts","metric":"contract_count","types":["patent"],"we'
  || 'ight":"30","normalisation":"target","target":"2","per":"year","scope":"to_date"},{"name":"change_rate","metric'
  || '":"change_rate","types":["project","patent"],"weight":"20","normalisation":"inverse_rate"}],"rules":[{"rule":"'
  || 'collection_80","enabled":true,"points":"5","threshold":"0.8"},{"rule":"installment_overdue","enabled":true,"po'
  || 'ints":"-3"},{"rule":"late_delivery","enabled":true,"points":"-2","days":5},{"rule":"early_delivery","enabled":'
  || 'true,"points":"10"},{"rule":"breach","enabled":true,"points":"-15","days":30,"triggers":["event","quality","ov'
  || 'erdue"]}]}',
  (SELECT COALESCE(MAX(seq), 0) FROM events)
  WHERE (SELECT MAX(version) FROM kpi_templates WHERE id = 'rnd') = 1;
INSERT INTO kpi_templates(id, version, document, since_seq)
  SELECT 'procurement', 2,
  '{"id":"procurement","version":2,"name":"Procurement","description":"Procurement template of the source article'
  || ': supplier fulfilment, cost reduction, disputes.","collection_grace_days":0,"to_date":"quarter","no_data":"rew'
  || 'eight","indicators":[{"name":"fulfilment_rate","metric":"fulfilment_rate","types":["procurement"],"weight":"60'
  || '","normalisation":"rate"},{"name":"cost_reduction","metric":"cost_reduction_rate","types":["procurement"],"wei'
  || 'ght":"30","normalisation":"target","target":"0.1"},{"name":"dispute_rate","metric":"dispute_rate","types":["pr'
  || 'ocurement"],"weight":"10","normalisation":"inverse_rate"}],"rules":[{"rule":"collection_80","enabled":false,"p'
  || 'oints":"5","threshold":"0.8"},{"rule":"installment_overdue","enabled":false,"points":"-3"},{"rule":"late_deliv'
  || 'ery","enabled":true,"points":"-2","days":5},{"rule":"early_delivery","enabled":true,"points":"10"},{"rule":"br'
  || 'each","enabled":true,"points":"-15","days":30,"triggers":["event","quality","overdue"]}]}',
  (SELECT COALESCE(MAX(seq), 0) FROM events)
  WHERE (SELECT MAX(version) FROM kpi_templates WHERE id = 'procurement') = 1;

CREATE TABLE classification_tables (
  id       TEXT NOT NULL,
  version  INTEGER NOT NULL CHECK (version >= 1),
  document TEXT NOT NULL,
  PRIMARY KEY (id, version)
) WITHOUT ROWID;
CREATE TABLE classification_current (
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  id      TEXT NOT NULL,
  version INTEGER NOT NULL,
  FOREIGN KEY (id, version) REFERENCES classification_tables (id, version)
);
INSERT OR IGNORE INTO classification_tables(id, version, document) VALUES('default', 1,
  '{"id":"default","version":1,"hit_policy":"UNIQUE","description":"The default classification of employees withi'
  || 'n their position (docs/reports.md). Contribution, execution and the score half compare an employee with the ot'
  || 'hers of the same position group; the score is the scorecard''s total; coverage is the weight of the indicators '
  || 'with data.","inputs":[{"name":"coverage","type":"number","min":"0","max":"100","description":"the weight of th'
  || 'e scorecard''s indicators with data"},{"name":"score","type":"number","description":"the scorecard''s total"},{"'
  || 'name":"score_half","type":"enum","values":["top","bottom"],"description":"top half of the group by score"},{"n'
  || 'ame":"contribution","type":"enum","values":["high","low"],"description":"top half of the group by signed amoun'
  || 't"},{"name":"execution","type":"enum","values":["high","low"],"description":"top half of the group by collecti'
  || 'on rate"}],"outputs":["class","action"],"rules":[{"id":"insufficient-data","description":"less than half of th'
  || 'e scorecard has data: too early to judge","when":{"coverage":"< 50"},"output":{"class":"insufficient_data","ac'
  || 'tion":"collect_data"}},{"id":"promote","description":"signs and collects in the top half, scores at least 80 a'
  || 'nd in the top half: the article''s high contribution, high performance","when":{"contribution":"\"high\"","cove'
  || 'rage":">= 50","execution":"\"high\"","score":">= 80","score_half":"\"top\""},"output":{"class":"high_contribut'
  || 'ion_high_performance","action":"promote"}},{"id":"performing-both-axes","description":"signs and collects in t'
  || 'he top half and scores at least 80, in the bottom half of the scores","when":{"contribution":"\"high\"","cover'
  || 'age":">= 50","execution":"\"high\"","score":">= 80","score_half":"\"bottom\""},"output":{"class":"performing",'
  || '"action":"recognise"}},{"id":"below-target","description":"signs and collects in the top half but scores below'
  || ' 80: the other indicators lag","when":{"contribution":"\"high\"","coverage":">= 50","execution":"\"high\"","sc'
  || 'ore":"< 80"},"output":{"class":"below_target","action":"review_indicators"}},{"id":"coach-execution","descript'
  || 'ion":"signs in the top half, collects in the bottom half: the article''s high signing, low execution","when":{"'
  || 'contribution":"\"high\"","coverage":">= 50","execution":"\"low\""},"output":{"class":"high_signing_low_executi'
  || 'on","action":"coach_execution"}},{"id":"develop-signing","description":"collects in the top half, signs in the'
  || ' bottom half","when":{"contribution":"\"low\"","coverage":">= 50","execution":"\"high\""},"output":{"class":"l'
  || 'ow_signing_high_execution","action":"develop_signing"}},{"id":"performing-other-indicators","description":"sig'
  || 'ns and collects in the bottom half but scores at least 80 on the other indicators","when":{"contribution":"\"l'
  || 'ow\"","coverage":">= 50","execution":"\"low\"","score":">= 80"},"output":{"class":"performing","action":"recog'
  || 'nise"}},{"id":"coach-signing-and-execution","description":"signs and collects in the bottom half and scores be'
  || 'low 80, but in the top half of the scores: coached, not put on a plan","when":{"contribution":"\"low\"","cover'
  || 'age":">= 50","execution":"\"low\"","score":"< 80","score_half":"\"top\""},"output":{"class":"low_signing_low_e'
  || 'xecution","action":"coach_signing_and_execution"}},{"id":"improvement-plan","description":"signs and collects '
  || 'in the bottom half and scores below 80 and in the bottom half of the scores","when":{"contribution":"\"low\"",'
  || '"coverage":">= 50","execution":"\"low\"","score":"< 80","score_half":"\"bottom\""},"output":{"class":"low_sign'
  || 'ing_low_execution","action":"improvement_plan"}}]}');
INSERT OR IGNORE INTO classification_current(one, id, version) VALUES(1, 'default', 1);

CREATE TABLE position_groups (
  position TEXT PRIMARY KEY,
  grp      TEXT NOT NULL
) WITHOUT ROWID;

DELETE FROM kpi_snapshot;
)sql"},
      {9, "approval controls: amendment rounds, types with routing in use",
       // An amendment of an approved or active contract that changes what
       // the routing table reads is a route of its own (docs/approval.md,
       // "Amendment rounds"): the proposed change waits here until its round
       // ends; the terms in force change only when it is approved (the
       // amended event's seq is kept). approval_routed_types lists the
       // contract types that entered a route in this database (the first
       // route of each): for them activate() outside a route is refused
       // unless the direct_activation setting allows it.
       R"sql(
CREATE TABLE approval_amendments (
  route       INTEGER PRIMARY KEY REFERENCES approval_routes(id),
  contract    INTEGER NOT NULL REFERENCES contracts(id),
  reason      TEXT NOT NULL,
  changes     TEXT NOT NULL,
  diff        TEXT NOT NULL,
  inputs      TEXT NOT NULL,
  proposed_by TEXT NOT NULL REFERENCES employees(id),
  proposed_on TEXT NOT NULL,
  event       INTEGER REFERENCES events(seq)
);
CREATE INDEX approval_amendments_by_contract ON approval_amendments(contract, route);

CREATE TABLE approval_routed_types (
  type        TEXT PRIMARY KEY,
  first_route INTEGER NOT NULL REFERENCES approval_routes(id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO approval_routed_types(type, first_route)
  SELECT c.type, MIN(r.id) FROM approval_routes r JOIN contracts c ON c.id = r.contract GROUP BY c.type;
)sql"},
  };
  return all;
}

}  // namespace pactum::store
