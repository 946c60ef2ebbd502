-- Each household's member and labour counts, derived from its member records, move out of
-- the household's own row. Writing members then adds or changes a small row here instead of
-- writing a new version of the wide household row, which entered every index of households
-- whenever it left its page; a first load of a million households' members writes their
-- counts with one COPY. A household without a row here has no members.
CREATE TABLE household_counts (
  household_id BIGINT NOT NULL,
  county_code BIGINT NOT NULL,
  member_count INTEGER NOT NULL,
  labour_count INTEGER NOT NULL,
  PRIMARY KEY (county_code, household_id),
  UNIQUE (household_id),
  -- Counted where the household lives: the join stays on one shard.
  FOREIGN KEY (county_code, household_id) REFERENCES households (county_code, id) ON UPDATE CASCADE
);
INSERT INTO household_counts (household_id, county_code, member_count, labour_count)
  SELECT id, county_code, member_count, labour_count FROM households
  WHERE member_count <> 0 OR labour_count <> 0;
ALTER TABLE households DROP COLUMN member_count;
ALTER TABLE households DROP COLUMN labour_count;
-- The room left on each page for in-place count updates is no longer needed by new pages.
ALTER TABLE households SET (fillfactor = 100);
