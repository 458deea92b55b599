/**
 * Keys issued through the API (effective at once, kept across restarts), and revoked
 * key ids, whatever made the key (the API, the keys file, API_KEYS): a revoked id is
 * refused from the moment it is revoked, and after every restart.
 */
export const sql = `
CREATE TABLE api_keys (
  id         TEXT PRIMARY KEY,
  role       TEXT NOT NULL CHECK (role IN ('planner', 'manager')),
  line       TEXT,
  city       TEXT,
  salt       TEXT NOT NULL,
  hash       TEXT NOT NULL, -- sha256(salt || secret); the secret is never stored
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL  -- the key that issued it
);
CREATE TABLE revoked_keys (
  id         TEXT PRIMARY KEY,
  revoked_at TEXT NOT NULL,
  revoked_by TEXT NOT NULL
);
`;
