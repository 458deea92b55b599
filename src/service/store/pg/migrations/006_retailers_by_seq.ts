/** As ../../migrations/006_retailers_by_seq.ts. */
export const sql = `
CREATE INDEX dataset_retailers_by_seq ON dataset_retailers(dataset_id, seq);
`;
