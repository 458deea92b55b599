/** As ../../migrations/005_dataset_city.ts. */
export const sql = `
ALTER TABLE datasets ADD COLUMN city TEXT NOT NULL DEFAULT 'default';
CREATE INDEX datasets_by_city ON datasets(city);
`;
