/**
 * The city (organisation, dataset family) a dataset belongs to: line ids repeat from city
 * to city, so a manager key's line check includes its city. Datasets stored before are
 * the default city's, as are keys made before without one.
 */
export const sql = `
ALTER TABLE datasets ADD COLUMN city TEXT NOT NULL DEFAULT 'default';
CREATE INDEX datasets_by_city ON datasets(city);
`;
