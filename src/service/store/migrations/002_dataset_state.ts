/**
 * A dataset is written by the import worker in batches while its upload is checked:
 * `importing` until the last batch, then `ready` in the same transaction as its policy
 * and lines. Reads see only ready datasets; what a crash left importing is removed.
 */
export const sql = `
ALTER TABLE datasets ADD COLUMN state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('importing', 'ready'));
`;
