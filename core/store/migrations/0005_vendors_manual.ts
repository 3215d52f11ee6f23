// Reserved while this session builds it: AI vendor register and manual evidence (issue 15).
// Append-only once shipped: never edit after release; add the next number instead.
export default `
-- reserved: AI vendor register and manual evidence (issue 15)
SELECT 1;
`;
