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
-- search as a range scan.
CREATE TABLE numbering_rule (
  rule_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  pattern TEXT NOT NULL,
  mode    TEXT NOT NULL CHECK (mode IN ('gapless', 'fast')),
  PRIMARY KEY (rule_id, version)
) WITHOUT ROWID;

CREATE TABLE numbering_counter (
  rule_id  TEXT NOT NULL,
  scope    TEXT NOT NULL,
  next_seq INTEGER NOT NULL CHECK (next_seq >= 1),
  PRIMARY KEY (rule_id, scope)
) WITHOUT ROWID;

CREATE TABLE numbering_issued (
  number       TEXT NOT NULL COLLATE BINARY PRIMARY KEY,
  rule_id      TEXT NOT NULL,
  rule_version INTEGER NOT NULL,
  seq          INTEGER NOT NULL CHECK (seq >= 1),
  issued_on    TEXT NOT NULL,
  owner        TEXT,
  voided       INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason  TEXT,
  voided_on    TEXT,
  FOREIGN KEY (rule_id, rule_version) REFERENCES numbering_rule (rule_id, version)
) WITHOUT ROWID;
)sql"},
  };
  return all;
}

}  // namespace pactum::store
