-- Each household's member and labour counts, derived from its member records, move out of
-- the household's own row. Writing members then adds or changes a small row here instead of
-- rewriting the wide household row; a first load of a million households' members writes
-- their counts as new rows in household order. A household without a row here has no
-- members.
CREATE TABLE household_counts (
  household_id INTEGER PRIMARY KEY REFERENCES households(id),
  county_code INTEGER NOT NULL,
  member_count INTEGER NOT NULL,
  labour_count INTEGER NOT NULL
);
INSERT INTO household_counts (household_id, county_code, member_count, labour_count)
  SELECT id, county_code, member_count, labour_count FROM households
  WHERE member_count <> 0 OR labour_count <> 0 ORDER BY id;
ALTER TABLE households DROP COLUMN member_count;
ALTER TABLE households DROP COLUMN labour_count;
