-- Facts about the database itself, such as the fingerprint of the reference data (data/)
-- it was last loaded from: a newer binary with new dictionaries or permissions reloads them
-- on first use instead of leaving an upgraded installation half-configured.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
