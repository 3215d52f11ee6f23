// Reserved while this session builds it: audit periods, schedules, missed runs (issue 11, core helper).
// Append-only once shipped: never edit after release; add the next number instead.
export default `
-- reserved: audit periods, schedules, missed runs (issue 11, core helper)
SELECT 1;
`;
