/** As ../../migrations/007_api_keys.ts, with `rowid` for the order keys were issued in. */
export const sql = `
CREATE TABLE api_keys (
  id         TEXT PRIMARY KEY,
  role       TEXT NOT NULL CHECK (role IN ('planner', 'manager')),
  line       TEXT,
  city       TEXT,
  salt       TEXT NOT NULL,
  hash       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  rowid      BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE TABLE revoked_keys (
  id         TEXT PRIMARY KEY,
  revoked_at TEXT NOT NULL,
  revoked_by TEXT NOT NULL
);
`;
