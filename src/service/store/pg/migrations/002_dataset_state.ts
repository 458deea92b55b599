/** As ../../migrations/002_dataset_state.ts. */
export const sql = `
ALTER TABLE datasets ADD COLUMN state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('importing', 'ready'));
`;
