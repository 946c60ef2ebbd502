-- Field work (issue 7): what a cadre does in the village. Every record made in the field
-- carries the client's UUID (a retried upload never doubles it), a version (a change made
-- elsewhere meanwhile is shown to the cadre, never overwritten) and a hash of its content.

CREATE INDEX helpers_region ON helpers (region_code);

-- 驻村: a cadre's day in the village; one per cadre per day.
CREATE TABLE stationed_days (
  id INTEGER PRIMARY KEY,
  client_uuid TEXT NOT NULL,
  county_code INTEGER NOT NULL,
  helper_id INTEGER NOT NULL REFERENCES helpers(id),
  day TEXT NOT NULL,
  village_code INTEGER NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  content_hash INTEGER NOT NULL DEFAULT 0  -- of what the client sent: a retry that changes nothing is seen as such
);
CREATE UNIQUE INDEX stationed_days_uuid ON stationed_days (client_uuid);
CREATE UNIQUE INDEX stationed_days_day ON stationed_days (helper_id, day);
CREATE INDEX stationed_days_village ON stationed_days (village_code, day);

-- 走访: one or more cadres visit households (or a whole village) on a day.
CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  client_uuid TEXT NOT NULL,
  county_code INTEGER NOT NULL,
  helper_id INTEGER NOT NULL REFERENCES helpers(id),  -- who recorded it
  day TEXT NOT NULL,
  village_code INTEGER NOT NULL,
  kinds TEXT NOT NULL,            -- work_kind codes separated by ','
  learned TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  content_hash INTEGER NOT NULL DEFAULT 0  -- of what the client sent: a retry that changes nothing is seen as such
);
CREATE UNIQUE INDEX visits_uuid ON visits (client_uuid);
CREATE INDEX visits_village ON visits (village_code, day);
CREATE TABLE visit_helpers (
  visit_id INTEGER NOT NULL REFERENCES visits(id),
  helper_id INTEGER NOT NULL REFERENCES helpers(id),
  PRIMARY KEY (visit_id, helper_id)
);
CREATE INDEX visit_helpers_helper ON visit_helpers (helper_id, visit_id);
CREATE TABLE visit_households (
  visit_id INTEGER NOT NULL REFERENCES visits(id),
  household_id INTEGER NOT NULL,
  PRIMARY KEY (visit_id, household_id)
);
CREATE INDEX visit_households_household ON visit_households (household_id);

-- Photos are files named by their SHA-256 (so the same photo twice is seen at once).
CREATE TABLE photos (
  sha256 TEXT PRIMARY KEY,
  bytes INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE TABLE visit_photos (
  visit_id INTEGER NOT NULL REFERENCES visits(id),
  sha256 TEXT NOT NULL REFERENCES photos(sha256),
  PRIMARY KEY (visit_id, sha256)
);
CREATE INDEX visit_photos_sha256 ON visit_photos (sha256);

-- 民情日记: one entry per cadre per day.
CREATE TABLE diary_entries (
  id INTEGER PRIMARY KEY,
  client_uuid TEXT NOT NULL,
  county_code INTEGER NOT NULL,
  helper_id INTEGER NOT NULL REFERENCES helpers(id),
  day TEXT NOT NULL,
  village_code INTEGER NOT NULL,
  text TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  content_hash INTEGER NOT NULL DEFAULT 0  -- of what the client sent: a retry that changes nothing is seen as such
);
CREATE UNIQUE INDEX diary_entries_uuid ON diary_entries (client_uuid);
CREATE UNIQUE INDEX diary_entries_day ON diary_entries (helper_id, day);
CREATE INDEX diary_entries_village ON diary_entries (village_code, day);

-- 难题/诉求, grouped into cases solved together.
CREATE TABLE problem_cases (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE problems (
  id INTEGER PRIMARY KEY,
  client_uuid TEXT NOT NULL,
  county_code INTEGER NOT NULL,
  helper_id INTEGER NOT NULL REFERENCES helpers(id),  -- the cadre who answers for it
  household_id INTEGER,                               -- NULL: raised by the village
  village_code INTEGER NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  raised_on TEXT NOT NULL,
  status TEXT NOT NULL,
  due_date TEXT,
  result TEXT NOT NULL DEFAULT '',
  satisfaction TEXT,
  case_id INTEGER REFERENCES problem_cases(id),
  registered_at TEXT NOT NULL,
  solved_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  content_hash INTEGER NOT NULL DEFAULT 0  -- of what the client sent: a retry that changes nothing is seen as such
);
CREATE UNIQUE INDEX problems_uuid ON problems (client_uuid);
CREATE INDEX problems_village ON problems (village_code, status);
CREATE INDEX problems_helper ON problems (helper_id, status);
CREATE INDEX problems_household ON problems (household_id) WHERE household_id IS NOT NULL;
CREATE INDEX problems_case ON problems (case_id) WHERE case_id IS NOT NULL;
CREATE TABLE problem_events (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX problem_events_problem ON problem_events (problem_id, id);

-- 建设性意见.
CREATE TABLE suggestions (
  id INTEGER PRIMARY KEY,
  client_uuid TEXT NOT NULL,
  county_code INTEGER NOT NULL,
  helper_id INTEGER NOT NULL REFERENCES helpers(id),
  day TEXT NOT NULL,
  village_code INTEGER NOT NULL,
  addressee TEXT NOT NULL,        -- village, unit, township
  content TEXT NOT NULL,
  adopted INTEGER,                -- NULL: not yet decided
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  content_hash INTEGER NOT NULL DEFAULT 0  -- of what the client sent: a retry that changes nothing is seen as such
);
CREATE UNIQUE INDEX suggestions_uuid ON suggestions (client_uuid);
CREATE INDEX suggestions_helper ON suggestions (helper_id, day);
CREATE INDEX suggestions_village ON suggestions (village_code, day);

-- 帮扶物资/资金 and the donation drives they belong to.
CREATE TABLE donation_drives (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  start_date TEXT NOT NULL,
  end_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX donation_drives_name ON donation_drives (region_code, name);
CREATE TABLE aid (
  id INTEGER PRIMARY KEY,
  client_uuid TEXT NOT NULL,
  county_code INTEGER NOT NULL,
  helper_id INTEGER REFERENCES helpers(id),  -- the cadre who recorded it, if one did
  day TEXT NOT NULL,
  drive_id INTEGER REFERENCES donation_drives(id),
  giver_kind TEXT NOT NULL,                   -- unit, helper
  giver_unit_id INTEGER REFERENCES units(id),
  giver_helper_id INTEGER REFERENCES helpers(id),
  receiver_kind TEXT NOT NULL,                -- household, village, school
  household_id INTEGER,
  village_code INTEGER NOT NULL,
  receiver_name TEXT NOT NULL DEFAULT '',     -- a school's name
  item TEXT NOT NULL,
  quantity_milli INTEGER NOT NULL,            -- quantity × 1000
  measure TEXT NOT NULL,
  value_fen INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  content_hash INTEGER NOT NULL DEFAULT 0  -- of what the client sent: a retry that changes nothing is seen as such
);
CREATE UNIQUE INDEX aid_uuid ON aid (client_uuid);
CREATE INDEX aid_village ON aid (village_code, day);
CREATE INDEX aid_drive ON aid (drive_id) WHERE drive_id IS NOT NULL;
CREATE INDEX aid_helper ON aid (helper_id) WHERE helper_id IS NOT NULL;

-- 五个百: the counts kept with every write (a province's progress is read, not counted),
-- and the households each cadre has visited in a year (the distinct count).
CREATE TABLE progress_counters (
  helper_id INTEGER NOT NULL REFERENCES helpers(id),
  year INTEGER NOT NULL,
  stationed_days INTEGER NOT NULL DEFAULT 0,
  households_visited INTEGER NOT NULL DEFAULT 0,
  diary_days INTEGER NOT NULL DEFAULT 0,
  problems_solved INTEGER NOT NULL DEFAULT 0,
  suggestions INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (helper_id, year)
);
CREATE INDEX progress_counters_year ON progress_counters (year, helper_id);
CREATE TABLE visited_households (
  helper_id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  household_id INTEGER NOT NULL,
  visits INTEGER NOT NULL,
  PRIMARY KEY (helper_id, year, household_id)
);
CREATE TABLE progress_targets (
  region_code TEXT PRIMARY KEY REFERENCES regions(code),
  stationed_days INTEGER NOT NULL,
  households_visited INTEGER NOT NULL,
  diary_days INTEGER NOT NULL,
  problems_solved INTEGER NOT NULL,
  suggestions INTEGER NOT NULL,
  max_visits_per_day INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
