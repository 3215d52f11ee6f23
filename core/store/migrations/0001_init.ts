// Append-only: never edit a migration that has shipped; add the next number instead.
// Each migration's SHA-256 is recorded, and an edited one is refused on open.
export default `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE log_entry (
  idx  INTEGER PRIMARY KEY,           -- 0-based leaf index in the RFC 6962 tree
  type TEXT NOT NULL,
  body BLOB NOT NULL,                 -- RFC 8785 canonical JSON; body.seq = idx
  leaf BLOB NOT NULL                  -- SHA-256(0x00 || body)
) STRICT;

CREATE TABLE signing_key (
  fingerprint TEXT PRIMARY KEY,       -- hex SHA-256 of the DER SPKI
  public_key  BLOB NOT NULL,          -- raw 32-byte Ed25519 key
  created_at  TEXT NOT NULL,
  retired_at  TEXT,
  log_idx     INTEGER NOT NULL REFERENCES log_entry(idx)
) STRICT;

CREATE TABLE source (
  id         INTEGER PRIMARY KEY,
  type       TEXT NOT NULL,
  name       TEXT NOT NULL,
  config     TEXT NOT NULL,           -- canonical JSON, never secrets
  created_at TEXT NOT NULL,
  removed_at TEXT
) STRICT;
CREATE UNIQUE INDEX source_active_name ON source(name) WHERE removed_at IS NULL;

CREATE TABLE collection_run (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER REFERENCES source(id),
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL CHECK (status IN ('running','complete','partial','failed','interrupted')),
  reason      TEXT,
  cursor      TEXT                    -- last pagination cursor per kind, JSON; for resuming
) STRICT;

CREATE TABLE evidence_item (
  seq            INTEGER PRIMARY KEY,  -- monotonic; authoritative over wall-clock time
  run_id         INTEGER REFERENCES collection_run(id),
  source_id      INTEGER REFERENCES source(id),
  kind           TEXT NOT NULL,
  scope          TEXT NOT NULL,        -- canonical JSON
  collected_at   TEXT NOT NULL,        -- UTC ISO 8601
  content        BLOB NOT NULL,        -- canonical JSON bytes
  content_sha256 TEXT NOT NULL,
  ipe            BLOB NOT NULL,        -- canonical JSON bytes
  ipe_sha256     TEXT NOT NULL,
  completeness   TEXT NOT NULL CHECK (completeness IN ('complete','partial','failed')),
  provenance     TEXT NOT NULL,
  log_idx        INTEGER NOT NULL UNIQUE REFERENCES log_entry(idx)
) STRICT;
CREATE INDEX evidence_item_series ON evidence_item(source_id, kind, scope, seq);
CREATE INDEX evidence_item_time ON evidence_item(collected_at);

CREATE TABLE checkpoint (
  size            INTEGER PRIMARY KEY,
  root            BLOB NOT NULL,
  note            TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL REFERENCES signing_key(fingerprint),
  created_at      TEXT NOT NULL,
  tsa_token       BLOB
) STRICT;

CREATE TABLE export_bundle (
  id            TEXT PRIMARY KEY,
  criterion     TEXT NOT NULL,
  period_from   TEXT NOT NULL,
  period_to     TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  sums_sha256   TEXT NOT NULL,        -- SHA-256 of the bundle's SHA256SUMS, for chaining
  path          TEXT NOT NULL,
  log_idx       INTEGER NOT NULL REFERENCES log_entry(idx)
) STRICT;

-- These catch bugs, not attackers: the hashes and signatures are the real protection.
CREATE TRIGGER log_entry_no_update BEFORE UPDATE ON log_entry BEGIN SELECT RAISE(ABORT, 'log entries are append-only'); END;
CREATE TRIGGER log_entry_no_delete BEFORE DELETE ON log_entry BEGIN SELECT RAISE(ABORT, 'log entries are append-only'); END;
CREATE TRIGGER item_no_update BEFORE UPDATE ON evidence_item BEGIN SELECT RAISE(ABORT, 'evidence items are append-only'); END;
CREATE TRIGGER item_no_delete BEFORE DELETE ON evidence_item BEGIN SELECT RAISE(ABORT, 'evidence items are append-only'); END;
CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER key_no_delete BEFORE DELETE ON signing_key BEGIN SELECT RAISE(ABORT, 'signing keys are kept forever'); END;
CREATE TRIGGER key_no_rewrite BEFORE UPDATE OF fingerprint, public_key ON signing_key BEGIN SELECT RAISE(ABORT, 'signing keys are immutable'); END;
`;
