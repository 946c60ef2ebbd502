-- A pairing names a household, a helper or a unit, rarely all three: most rows leave two
-- of these columns empty. Indexes over the empty values mislead the planner: statistics
-- taken while no household was paired yet made SQLite scan every pairing for each
-- household ("is this household covered?"), a quadratic plan. Partial indexes hold only
-- the rows that name one, so their statistics describe what the queries look for.
DROP INDEX pairings_household;
DROP INDEX pairings_helper;
DROP INDEX pairings_unit;
CREATE INDEX pairings_household ON pairings (household_id, end_date) WHERE household_id IS NOT NULL;
CREATE INDEX pairings_helper ON pairings (helper_id, end_date, kind) WHERE helper_id IS NOT NULL;
CREATE INDEX pairings_unit ON pairings (unit_id, end_date) WHERE unit_id IS NOT NULL;
