// Audit periods, schedules, not-applicable marks and missed runs (issue 11). Append-only once shipped: never edit
// after release; add the next number instead. Every row here is also a signed log entry (period_set,
// period_removed, criterion_not_applicable, schedule_set, run_missed); the tables are the queryable copy.
export default `
CREATE TABLE audit_period (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('type1','type2')),
  period_from TEXT NOT NULL,          -- YYYY-MM-DD, UTC, inclusive
  period_to   TEXT NOT NULL,          -- YYYY-MM-DD, UTC, inclusive (= period_from for Type 1)
  criteria    TEXT NOT NULL,          -- JSON array of criterion ids in scope
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  removed_at  TEXT,
  log_idx     INTEGER NOT NULL REFERENCES log_entry(idx)
) STRICT;
CREATE UNIQUE INDEX audit_period_active_name ON audit_period(name) WHERE removed_at IS NULL;

CREATE TABLE criterion_not_applicable (
  period_id     INTEGER NOT NULL REFERENCES audit_period(id),
  criterion     TEXT NOT NULL,
  justification TEXT NOT NULL,
  at            TEXT NOT NULL,
  by_user       TEXT NOT NULL,
  log_idx       INTEGER NOT NULL REFERENCES log_entry(idx),
  PRIMARY KEY (period_id, criterion)
) STRICT;

CREATE TABLE collection_schedule (
  source_id  INTEGER PRIMARY KEY REFERENCES source(id),
  cadence    TEXT NOT NULL CHECK (cadence IN ('daily','weekly','monthly','cron')),
  cron       TEXT,
  since      TEXT NOT NULL,           -- slots that closed before this are never "missed"
  log_idx    INTEGER NOT NULL REFERENCES log_entry(idx)
) STRICT;

CREATE TABLE missed_run (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES source(id),
  due_at      TEXT NOT NULL,
  window_end  TEXT NOT NULL,
  cadence     TEXT NOT NULL,
  noticed_at  TEXT NOT NULL,
  log_idx     INTEGER NOT NULL UNIQUE REFERENCES log_entry(idx),
  UNIQUE (source_id, due_at)
) STRICT;
CREATE TRIGGER missed_run_no_update BEFORE UPDATE ON missed_run BEGIN SELECT RAISE(ABORT, 'missed runs are append-only'); END;
CREATE TRIGGER missed_run_no_delete BEFORE DELETE ON missed_run BEGIN SELECT RAISE(ABORT, 'missed runs are append-only'); END;
`;
