// Evidence-for dates (issue 11). Append-only once shipped: never edit after release; add the next number instead.
// NULL means "the collection time": snapshots, and every item recorded before this migration, keep their bytes.
export default `
ALTER TABLE evidence_item ADD COLUMN evidence_for TEXT;   -- UTC ISO 8601 (Date.toISOString), NULL = collected_at
CREATE INDEX evidence_item_for ON evidence_item(coalesce(evidence_for, collected_at));
`;
