/** A dataset's retailers in file order, read a page at a time (the event loop runs between pages). */
export const sql = `
CREATE INDEX dataset_retailers_by_seq ON dataset_retailers(dataset_id, seq);
`;
