-- Household ids are never given twice. Pairings, visits, problems and aid keep a deleted
-- household's id as its history (no foreign key, on purpose). Without AUTOINCREMENT SQLite
-- gives a new row the largest id plus one, so a household added after the newest one was
-- deleted took that id, and with it the deleted household's pairings: a cadre paired with the
-- deleted household saw a stranger's. AUTOINCREMENT gives ids past every id ever given
-- (kept in sqlite_sequence). The table is rebuilt (SQLite cannot add it to a table), with
-- foreign keys set aside meanwhile and checked before the commit (migrations.cpp). An id
-- freed before this migration by deleting the newest household may still be given once.
CREATE TABLE households_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  county_code INTEGER NOT NULL,
  household_no TEXT NOT NULL,
  village_code INTEGER NOT NULL,
  group_code INTEGER,
  head_name TEXT NOT NULL,
  head_id_number TEXT NOT NULL,
  declared_members INTEGER,
  phone TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  main_cause TEXT NOT NULL DEFAULT '',
  other_causes TEXT NOT NULL DEFAULT '',
  per_capita_income_fen INTEGER,
  arable_land_centimu INTEGER,
  dilapidated_house INTEGER,
  identification_year INTEGER,
  exit_status TEXT NOT NULL DEFAULT '',
  exit_year INTEGER,
  assistance_type TEXT NOT NULL DEFAULT '',
  identification_standard TEXT NOT NULL DEFAULT '',
  bank_account TEXT NOT NULL DEFAULT '',
  row_hash INTEGER NOT NULL,
  -- Which import last wrote the row, and from which row of its file: a number seen twice
  -- in one file is caught without holding the file's keys in memory.
  import_job INTEGER,
  import_row INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO households_new SELECT * FROM households;
DROP TABLE households;
ALTER TABLE households_new RENAME TO households;
CREATE UNIQUE INDEX households_number ON households (household_no);
CREATE UNIQUE INDEX households_head_id ON households (head_id_number);
CREATE INDEX households_village_group ON households (village_code, group_code, category);
CREATE INDEX households_village_number ON households (village_code, household_no);
