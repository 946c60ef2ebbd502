-- The registry: regions, their profiles, households and their members, dictionaries.
-- Codes of regions are text (their length is their level); village and group codes are also
-- kept as integers on the large tables so that "region X and below" is an integer range.

CREATE TABLE dictionaries (
  name TEXT PRIMARY KEY,
  title TEXT NOT NULL
);

CREATE TABLE dictionary_items (
  dictionary TEXT NOT NULL REFERENCES dictionaries(name),
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (dictionary, code)
);

CREATE TABLE poverty_lines (
  year INTEGER PRIMARY KEY,
  line_fen INTEGER NOT NULL,
  assumed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  level INTEGER NOT NULL,
  parent_code TEXT,
  name TEXT NOT NULL,
  -- The code padded to 15 digits: a subtree is a range of it.
  sort_key INTEGER NOT NULL,
  county_code INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code, name);
CREATE INDEX regions_level_key ON regions (level, sort_key);

CREATE TABLE region_profiles (
  region_code TEXT PRIMARY KEY REFERENCES regions(code),
  location TEXT NOT NULL DEFAULT '',
  neighbour_east TEXT NOT NULL DEFAULT '',
  neighbour_south TEXT NOT NULL DEFAULT '',
  neighbour_west TEXT NOT NULL DEFAULT '',
  neighbour_north TEXT NOT NULL DEFAULT '',
  climate TEXT NOT NULL DEFAULT '',
  main_industries TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

-- A figure as a person declared it (a report, a form), next to which the records compute
-- their own. Values are integers in the figure's unit scaled by its dictionary scale.
CREATE TABLE declared_figures (
  region_code TEXT NOT NULL REFERENCES regions(code),
  figure TEXT NOT NULL,
  value INTEGER NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (region_code, figure)
);

CREATE TABLE region_difficulties (
  region_code TEXT NOT NULL REFERENCES regions(code),
  difficulty TEXT NOT NULL,
  present INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (region_code, difficulty)
);

CREATE TABLE import_jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  rows INTEGER NOT NULL DEFAULT 0,
  imported INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  summary TEXT
);

CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  county_code INTEGER NOT NULL,
  household_no TEXT NOT NULL,
  village_code INTEGER NOT NULL,
  group_code INTEGER,
  head_name TEXT NOT NULL,
  head_id_number TEXT NOT NULL,
  declared_members INTEGER,
  -- Derived from the member records in the same transaction that changes them.
  member_count INTEGER NOT NULL DEFAULT 0,
  labour_count INTEGER NOT NULL DEFAULT 0,
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
CREATE UNIQUE INDEX households_number ON households (household_no);
-- A person heads one household at a time.
CREATE UNIQUE INDEX households_head_id ON households (head_id_number);
-- Serves "village range by category" (statistics) and "the households of a group" alike,
-- since a group's code starts with its village's.
CREATE INDEX households_village_group ON households (village_code, group_code, category);

CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  county_code INTEGER NOT NULL,
  household_id INTEGER NOT NULL REFERENCES households(id),
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  relation TEXT NOT NULL,
  sex INTEGER NOT NULL,
  birth_date TEXT NOT NULL,
  ethnicity TEXT NOT NULL DEFAULT '',
  education TEXT NOT NULL DEFAULT '',
  schooling TEXT NOT NULL DEFAULT '',
  health TEXT NOT NULL DEFAULT '',
  labour_skill TEXT NOT NULL DEFAULT '',
  work_location TEXT NOT NULL DEFAULT '',
  work_months INTEGER,
  phone TEXT NOT NULL DEFAULT '',
  row_hash INTEGER NOT NULL,
  import_job INTEGER,
  import_row INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX persons_id_number ON persons (id_number);
CREATE INDEX persons_household ON persons (household_id, relation);
