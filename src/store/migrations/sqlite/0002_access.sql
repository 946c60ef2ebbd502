-- Who may sign in, what they may do, and the record of what was done.

CREATE TABLE roles (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  scope TEXT NOT NULL,            -- all, region, unit, helper
  read_only INTEGER NOT NULL,
  sees_personal_data INTEGER NOT NULL,
  permissions TEXT NOT NULL       -- module:entity:action patterns separated by ';'
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL REFERENCES roles(code),
  region_code TEXT REFERENCES regions(code),
  unit_id INTEGER,
  helper_id INTEGER,
  password_hash TEXT NOT NULL,    -- argon2id, libsodium's encoded form
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  last_failure_at INTEGER,        -- unix seconds
  locked_until INTEGER,           -- unix seconds
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (username);

-- Only the SHA-256 of a session token is kept: a copy of this table opens no session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every change and every read of unmasked personal data, chained by SHA-256: each row's
-- hash covers its content and the previous row's hash, so `audit verify` finds a row
-- altered or removed afterwards.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  ip TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_key);
CREATE INDEX audit_log_user ON audit_log (username, id);

-- Deleted households with their members, as they were: deletion keeps history.
CREATE TABLE households_archive (
  id INTEGER PRIMARY KEY,
  county_code INTEGER NOT NULL,
  household_no TEXT NOT NULL,
  snapshot TEXT NOT NULL,         -- JSON: the household and its members
  deleted_at TEXT NOT NULL,
  deleted_by TEXT NOT NULL
);
CREATE INDEX households_archive_number ON households_archive (household_no);

CREATE TABLE persons_archive (
  id INTEGER PRIMARY KEY,
  county_code INTEGER NOT NULL,
  id_number TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  deleted_at TEXT NOT NULL,
  deleted_by TEXT NOT NULL
);

-- Who uploaded an import through the server, and where its error report is kept.
ALTER TABLE import_jobs ADD COLUMN created_by TEXT;
ALTER TABLE import_jobs ADD COLUMN report_path TEXT;
