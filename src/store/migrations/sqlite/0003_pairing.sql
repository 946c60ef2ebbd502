-- Who helps whom (四个一): helping units, helpers, their pairings with villages, groups and
-- households, the rules of coverage, and each region's leadership group and office.

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  unit_type TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  parent_id INTEGER REFERENCES units(id),
  region_code TEXT REFERENCES regions(code),  -- where the unit sits
  address TEXT NOT NULL DEFAULT '',
  leader_name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX units_name ON units (name);

CREATE TABLE helpers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  rank TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  flags TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL,
  region_code TEXT REFERENCES regions(code),  -- home: a 致富带头人's village, a cadre's township
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- A helper is reached by phone (连心卡, 24-hour contact): one number, one helper.
CREATE UNIQUE INDEX helpers_phone ON helpers (phone);
CREATE INDEX helpers_unit ON helpers (unit_id);

-- A pairing is never overwritten: a change ends the old one (end_date) and opens another,
-- so the history of who helped a household is kept.
CREATE TABLE pairings (
  id INTEGER PRIMARY KEY,
  county_code INTEGER NOT NULL,  -- of the target
  kind TEXT NOT NULL,
  helper_id INTEGER REFERENCES helpers(id),
  unit_id INTEGER REFERENCES units(id),
  village_code INTEGER NOT NULL,  -- the target's village (a group's, a household's)
  group_code INTEGER,
  household_id INTEGER,           -- no foreign key: a deleted household keeps its history
  start_date TEXT NOT NULL,
  end_date TEXT,                  -- NULL while the pairing lasts
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX pairings_household ON pairings (household_id, end_date);
CREATE INDEX pairings_helper ON pairings (helper_id, end_date, kind);
CREATE INDEX pairings_unit ON pairings (unit_id, end_date);
CREATE INDEX pairings_village ON pairings (village_code, kind, end_date);

CREATE TABLE coverage_rules (
  region_code TEXT PRIMARY KEY REFERENCES regions(code),
  max_households_per_cadre INTEGER NOT NULL,
  required_categories TEXT NOT NULL,  -- codes separated by ','
  village_needs_leader INTEGER NOT NULL,
  village_needs_unit INTEGER NOT NULL,
  group_needs_cadre INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);

-- The leadership group (领导小组) and office (双联办) of a township or higher region.
CREATE TABLE organisation_members (
  id INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions(code),
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  helper_id INTEGER REFERENCES helpers(id),
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX organisation_members_region ON organisation_members (region_code, sort_order);

-- The office's 24-hour number, printed on every contact card.
ALTER TABLE region_profiles ADD COLUMN hotline TEXT NOT NULL DEFAULT '';
