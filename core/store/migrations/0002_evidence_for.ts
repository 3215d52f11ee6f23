// Reserved while this session builds it: evidence-for dates (issue 11, demo/import helper).
// Append-only once shipped: never edit after release; add the next number instead.
export default `
-- reserved: evidence-for dates (issue 11, demo/import helper)
SELECT 1;
`;
