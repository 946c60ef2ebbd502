-- Every text column compares byte by byte (COLLATE "C"), as SQLite's do, whatever the
-- database's own collation. A province's server is often made with a Chinese locale: ICU's
-- zh-CN sorts Chinese by pinyin and before Latin letters, and "a" before "B". Its columns
-- then sorted names and items in another order than SQLite (a list by the head's name, a
-- drive's items), and MIN, MAX and < over text gave other answers. Codes and ID numbers were
-- made "C" by migration 1; this does the rest. A text column added later is declared
-- COLLATE "C" too (DatabaseTest.EveryTextColumnComparesByteByByte fails otherwise).
-- Equality is the same under either: PostgreSQL breaks a tie of a deterministic collation by
-- the bytes, so no unique key lets in or keeps out anything it did not before.
-- Changing a column's collation does not rewrite its table, but rebuilds the indexes on the
-- column (a million rows: households_village_group in 0.3 s, pairings' four in 0.9 s) and
-- throws away the column's statistics: the ANALYZE at the end takes them again, so that the
-- next queries are not planned blind. schema_migrations belongs to the migration runner,
-- is made before any migration and is never sorted by its text: it is left as it is.
ALTER TABLE dictionaries
  ALTER COLUMN title TYPE TEXT COLLATE "C";
ALTER TABLE dictionary_items
  ALTER COLUMN code TYPE TEXT COLLATE "C",
  ALTER COLUMN label TYPE TEXT COLLATE "C",
  ALTER COLUMN aliases TYPE TEXT COLLATE "C",
  ALTER COLUMN attributes TYPE TEXT COLLATE "C";
ALTER TABLE regions
  ALTER COLUMN name TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE region_profiles
  ALTER COLUMN location TYPE TEXT COLLATE "C",
  ALTER COLUMN neighbour_east TYPE TEXT COLLATE "C",
  ALTER COLUMN neighbour_south TYPE TEXT COLLATE "C",
  ALTER COLUMN neighbour_west TYPE TEXT COLLATE "C",
  ALTER COLUMN neighbour_north TYPE TEXT COLLATE "C",
  ALTER COLUMN climate TYPE TEXT COLLATE "C",
  ALTER COLUMN main_industries TYPE TEXT COLLATE "C",
  ALTER COLUMN notes TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C",
  ALTER COLUMN hotline TYPE TEXT COLLATE "C";
ALTER TABLE declared_figures
  ALTER COLUMN figure TYPE TEXT COLLATE "C",
  ALTER COLUMN source TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE region_difficulties
  ALTER COLUMN difficulty TYPE TEXT COLLATE "C",
  ALTER COLUMN note TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE import_jobs
  ALTER COLUMN kind TYPE TEXT COLLATE "C",
  ALTER COLUMN file_name TYPE TEXT COLLATE "C",
  ALTER COLUMN status TYPE TEXT COLLATE "C",
  ALTER COLUMN started_at TYPE TEXT COLLATE "C",
  ALTER COLUMN finished_at TYPE TEXT COLLATE "C",
  ALTER COLUMN summary TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN report_path TYPE TEXT COLLATE "C";
ALTER TABLE households
  ALTER COLUMN head_name TYPE TEXT COLLATE "C",
  ALTER COLUMN phone TYPE TEXT COLLATE "C",
  ALTER COLUMN category TYPE TEXT COLLATE "C",
  ALTER COLUMN main_cause TYPE TEXT COLLATE "C",
  ALTER COLUMN other_causes TYPE TEXT COLLATE "C",
  ALTER COLUMN exit_status TYPE TEXT COLLATE "C",
  ALTER COLUMN assistance_type TYPE TEXT COLLATE "C",
  ALTER COLUMN identification_standard TYPE TEXT COLLATE "C",
  ALTER COLUMN bank_account TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE persons
  ALTER COLUMN name TYPE TEXT COLLATE "C",
  ALTER COLUMN relation TYPE TEXT COLLATE "C",
  ALTER COLUMN birth_date TYPE TEXT COLLATE "C",
  ALTER COLUMN ethnicity TYPE TEXT COLLATE "C",
  ALTER COLUMN education TYPE TEXT COLLATE "C",
  ALTER COLUMN schooling TYPE TEXT COLLATE "C",
  ALTER COLUMN health TYPE TEXT COLLATE "C",
  ALTER COLUMN labour_skill TYPE TEXT COLLATE "C",
  ALTER COLUMN work_location TYPE TEXT COLLATE "C",
  ALTER COLUMN phone TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE roles
  ALTER COLUMN label TYPE TEXT COLLATE "C",
  ALTER COLUMN scope TYPE TEXT COLLATE "C",
  ALTER COLUMN permissions TYPE TEXT COLLATE "C";
ALTER TABLE users
  ALTER COLUMN display_name TYPE TEXT COLLATE "C",
  ALTER COLUMN password_hash TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE sessions
  ALTER COLUMN csrf_token TYPE TEXT COLLATE "C";
ALTER TABLE audit_log
  ALTER COLUMN at TYPE TEXT COLLATE "C",
  ALTER COLUMN username TYPE TEXT COLLATE "C",
  ALTER COLUMN action TYPE TEXT COLLATE "C",
  ALTER COLUMN entity TYPE TEXT COLLATE "C",
  ALTER COLUMN entity_key TYPE TEXT COLLATE "C",
  ALTER COLUMN before_json TYPE TEXT COLLATE "C",
  ALTER COLUMN after_json TYPE TEXT COLLATE "C",
  ALTER COLUMN ip TYPE TEXT COLLATE "C",
  ALTER COLUMN prev_hash TYPE TEXT COLLATE "C",
  ALTER COLUMN hash TYPE TEXT COLLATE "C";
ALTER TABLE households_archive
  ALTER COLUMN snapshot TYPE TEXT COLLATE "C",
  ALTER COLUMN deleted_at TYPE TEXT COLLATE "C",
  ALTER COLUMN deleted_by TYPE TEXT COLLATE "C";
ALTER TABLE persons_archive
  ALTER COLUMN snapshot TYPE TEXT COLLATE "C",
  ALTER COLUMN deleted_at TYPE TEXT COLLATE "C",
  ALTER COLUMN deleted_by TYPE TEXT COLLATE "C";
ALTER TABLE units
  ALTER COLUMN name TYPE TEXT COLLATE "C",
  ALTER COLUMN unit_type TYPE TEXT COLLATE "C",
  ALTER COLUMN affiliation TYPE TEXT COLLATE "C",
  ALTER COLUMN address TYPE TEXT COLLATE "C",
  ALTER COLUMN leader_name TYPE TEXT COLLATE "C",
  ALTER COLUMN phone TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE helpers
  ALTER COLUMN name TYPE TEXT COLLATE "C",
  ALTER COLUMN kind TYPE TEXT COLLATE "C",
  ALTER COLUMN rank TYPE TEXT COLLATE "C",
  ALTER COLUMN title TYPE TEXT COLLATE "C",
  ALTER COLUMN flags TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE pairings
  ALTER COLUMN kind TYPE TEXT COLLATE "C",
  ALTER COLUMN start_date TYPE TEXT COLLATE "C",
  ALTER COLUMN end_date TYPE TEXT COLLATE "C",
  ALTER COLUMN note TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C";
ALTER TABLE coverage_rules
  ALTER COLUMN required_categories TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE organisation_members
  ALTER COLUMN role TYPE TEXT COLLATE "C",
  ALTER COLUMN name TYPE TEXT COLLATE "C",
  ALTER COLUMN title TYPE TEXT COLLATE "C",
  ALTER COLUMN phone TYPE TEXT COLLATE "C";
ALTER TABLE settings
  ALTER COLUMN key TYPE TEXT COLLATE "C",
  ALTER COLUMN value TYPE TEXT COLLATE "C";
ALTER TABLE stationed_days
  ALTER COLUMN location TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE visits
  ALTER COLUMN kinds TYPE TEXT COLLATE "C",
  ALTER COLUMN learned TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE photos
  ALTER COLUMN content_type TYPE TEXT COLLATE "C",
  ALTER COLUMN uploaded_by TYPE TEXT COLLATE "C",
  ALTER COLUMN uploaded_at TYPE TEXT COLLATE "C";
ALTER TABLE diary_entries
  ALTER COLUMN text TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE problem_cases
  ALTER COLUMN title TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C";
ALTER TABLE problems
  ALTER COLUMN category TYPE TEXT COLLATE "C",
  ALTER COLUMN description TYPE TEXT COLLATE "C",
  ALTER COLUMN raised_on TYPE TEXT COLLATE "C",
  ALTER COLUMN status TYPE TEXT COLLATE "C",
  ALTER COLUMN due_date TYPE TEXT COLLATE "C",
  ALTER COLUMN result TYPE TEXT COLLATE "C",
  ALTER COLUMN satisfaction TYPE TEXT COLLATE "C",
  ALTER COLUMN registered_at TYPE TEXT COLLATE "C",
  ALTER COLUMN solved_at TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE problem_events
  ALTER COLUMN at TYPE TEXT COLLATE "C",
  ALTER COLUMN username TYPE TEXT COLLATE "C",
  ALTER COLUMN from_status TYPE TEXT COLLATE "C",
  ALTER COLUMN to_status TYPE TEXT COLLATE "C",
  ALTER COLUMN note TYPE TEXT COLLATE "C";
ALTER TABLE suggestions
  ALTER COLUMN addressee TYPE TEXT COLLATE "C",
  ALTER COLUMN content TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE donation_drives
  ALTER COLUMN name TYPE TEXT COLLATE "C",
  ALTER COLUMN start_date TYPE TEXT COLLATE "C",
  ALTER COLUMN end_date TYPE TEXT COLLATE "C",
  ALTER COLUMN note TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C";
ALTER TABLE aid
  ALTER COLUMN giver_kind TYPE TEXT COLLATE "C",
  ALTER COLUMN receiver_kind TYPE TEXT COLLATE "C",
  ALTER COLUMN receiver_name TYPE TEXT COLLATE "C",
  ALTER COLUMN item TYPE TEXT COLLATE "C",
  ALTER COLUMN measure TYPE TEXT COLLATE "C",
  ALTER COLUMN note TYPE TEXT COLLATE "C",
  ALTER COLUMN created_by TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C",
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ALTER TABLE progress_targets
  ALTER COLUMN updated_at TYPE TEXT COLLATE "C";
ANALYZE dictionaries, dictionary_items, regions, region_profiles, declared_figures,
  region_difficulties, import_jobs, households, persons, roles, users, sessions, audit_log,
  households_archive, persons_archive, units, helpers, pairings, coverage_rules,
  organisation_members, settings, stationed_days, visits, photos, diary_entries, problem_cases,
  problems, problem_events, suggestions, donation_drives, aid, progress_targets;
