// Reserved while this session builds it: access reviews (issue 15).
// Append-only once shipped: never edit after release; add the next number instead.
export default `
-- reserved: access reviews (issue 15)
SELECT 1;
`;
