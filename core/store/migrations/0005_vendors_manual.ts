// AI vendor register and manual evidence (issue 15).
// Append-only once shipped: never edit after release; add the next number instead.
//
// Both tables hold the *current* state for quick reads; the record that counts is the signed log: every vendor
// change and every manual upload is an evidence item (kinds vendor.entry, manual.document, manual.withdrawn)
// whose item_recorded entry is a leaf of the log, so a bundle carries its inclusion proof. Rows are never deleted:
// a removal is a new entry plus removed_at / status here.
export default `
CREATE TABLE vendor (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  origin      TEXT NOT NULL CHECK (origin IN ('connector','manual')),
  record      TEXT NOT NULL,                                     -- canonical JSON of the vendor's fields
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  removed_at  TEXT,
  item_seq    INTEGER NOT NULL REFERENCES evidence_item(seq)     -- the vendor.entry item of the latest change
) STRICT;
CREATE UNIQUE INDEX vendor_active_name ON vendor(lower(name)) WHERE removed_at IS NULL;

CREATE TABLE manual_evidence (
  id            INTEGER PRIMARY KEY,
  item_seq      INTEGER NOT NULL UNIQUE REFERENCES evidence_item(seq),  -- the manual.document item
  sha256        TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  bytes         INTEGER NOT NULL CHECK (bytes > 0),
  title         TEXT NOT NULL,
  criteria      TEXT NOT NULL,                                   -- JSON array of criterion ids
  evidence_for  TEXT NOT NULL,                                   -- YYYY-MM-DD the document is evidence for
  owner         TEXT NOT NULL,
  expires_on    TEXT,                                            -- YYYY-MM-DD, null = no expiry
  uploaded_at   TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','withdrawn','superseded')),
  ended_at      TEXT,
  ended_reason  TEXT,
  superseded_by INTEGER REFERENCES manual_evidence(id),
  end_item_seq  INTEGER REFERENCES evidence_item(seq)            -- the manual.withdrawn item
) STRICT;
CREATE INDEX manual_evidence_day ON manual_evidence(evidence_for);

CREATE TRIGGER vendor_no_delete BEFORE DELETE ON vendor BEGIN SELECT RAISE(ABORT, 'vendors are removed by a new entry, never deleted'); END;
CREATE TRIGGER manual_no_delete BEFORE DELETE ON manual_evidence BEGIN SELECT RAISE(ABORT, 'manual evidence is withdrawn by a new entry, never deleted'); END;
CREATE TRIGGER manual_no_rewrite BEFORE UPDATE OF item_seq, sha256, file_name, bytes, title, criteria, evidence_for, owner, expires_on, uploaded_at ON manual_evidence
BEGIN SELECT RAISE(ABORT, 'a manual upload is immutable; supersede it with a new one'); END;
`;
