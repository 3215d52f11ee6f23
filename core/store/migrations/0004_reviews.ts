// Access reviews (issue 15). Append-only once shipped: never edit after release; add the next number instead.
// Every start, decision and close is also a log entry (signed by the next checkpoint); these tables are the
// queryable copy. Lines and decisions are append-only: a new decision for a line supersedes the old one, which stays.
export default `
CREATE TABLE review (
  id             INTEGER PRIMARY KEY,
  title          TEXT NOT NULL,
  period_from    TEXT,
  period_to      TEXT,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  previous_id    INTEGER REFERENCES review(id),
  log_idx        INTEGER NOT NULL REFERENCES log_entry(idx),
  closed_at      TEXT,
  closed_by      TEXT,
  closed_log_idx INTEGER REFERENCES log_entry(idx)
) STRICT;

CREATE TABLE review_snapshot (
  review_id      INTEGER NOT NULL REFERENCES review(id),
  item_seq       INTEGER NOT NULL REFERENCES evidence_item(seq),
  content_sha256 TEXT NOT NULL,
  PRIMARY KEY (review_id, item_seq)
) STRICT;

CREATE TABLE review_line (
  review_id INTEGER NOT NULL REFERENCES review(id),
  line_no   INTEGER NOT NULL,           -- 1-based, the order shown and exported
  line_key  TEXT NOT NULL,              -- source|principal: what follow-up and the next review match on
  data      TEXT NOT NULL,              -- canonical JSON of the line (roles, MFA, activity, tag, flags)
  PRIMARY KEY (review_id, line_no)
) STRICT;
CREATE UNIQUE INDEX review_line_key ON review_line(review_id, line_key);

CREATE TABLE review_decision (
  id          INTEGER PRIMARY KEY,
  review_id   INTEGER NOT NULL REFERENCES review(id),
  line_no     INTEGER NOT NULL,
  decision    TEXT NOT NULL CHECK (decision IN ('keep','revoke','change_role','defer')),
  comment     TEXT NOT NULL,
  reason      TEXT,                     -- required when reviewers decide on their own access
  new_role    TEXT,
  reviewer    TEXT NOT NULL,
  decided_at  TEXT NOT NULL,
  via         TEXT NOT NULL CHECK (via IN ('app','csv')),
  log_idx     INTEGER NOT NULL UNIQUE REFERENCES log_entry(idx),
  FOREIGN KEY (review_id, line_no) REFERENCES review_line(review_id, line_no)
) STRICT;
CREATE INDEX review_decision_line ON review_decision(review_id, line_no, id);

CREATE TRIGGER review_no_delete BEFORE DELETE ON review BEGIN SELECT RAISE(ABORT, 'reviews are kept forever'); END;
CREATE TRIGGER review_closed_once BEFORE UPDATE ON review
  WHEN OLD.closed_log_idx IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.title IS NOT OLD.title OR NEW.log_idx IS NOT OLD.log_idx
    OR NEW.created_at IS NOT OLD.created_at OR NEW.previous_id IS NOT OLD.previous_id
  BEGIN SELECT RAISE(ABORT, 'a review is only ever updated by closing it, once'); END;
CREATE TRIGGER review_snapshot_no_update BEFORE UPDATE ON review_snapshot BEGIN SELECT RAISE(ABORT, 'review snapshots are append-only'); END;
CREATE TRIGGER review_snapshot_no_delete BEFORE DELETE ON review_snapshot BEGIN SELECT RAISE(ABORT, 'review snapshots are append-only'); END;
CREATE TRIGGER review_line_no_update BEFORE UPDATE ON review_line BEGIN SELECT RAISE(ABORT, 'review lines are append-only'); END;
CREATE TRIGGER review_line_no_delete BEFORE DELETE ON review_line BEGIN SELECT RAISE(ABORT, 'review lines are append-only'); END;
CREATE TRIGGER review_decision_no_update BEFORE UPDATE ON review_decision BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;
CREATE TRIGGER review_decision_no_delete BEFORE DELETE ON review_decision BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;
`;
