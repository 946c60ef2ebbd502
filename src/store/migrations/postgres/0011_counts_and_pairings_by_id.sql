-- Member counts and pairings are keyed as households and members are since migration 10: one
-- primary key led by their id, with county_code after it for the day the tables are
-- distributed by county (docs/scale-out.md). Each had two keys: the primary key
-- (county_code, ...) and a unique key on the id alone, which Citus cannot keep on a table
-- distributed by county (a unique key there must contain the distribution column).
-- A household's counts stay one row: their foreign key ties (county_code, household_id) to
-- the household's own county, so two rows of one household would need two counties. The
-- store's upsert of counts names the new key. Pairing ids come from their table's sequence.
-- One index fewer to write with every count and pairing, and for a province's first load of
-- members, one index build fewer after the COPY of a million counts.
ALTER TABLE household_counts DROP CONSTRAINT household_counts_pkey;
ALTER TABLE household_counts DROP CONSTRAINT household_counts_household_id_key;
ALTER TABLE household_counts ADD CONSTRAINT household_counts_pkey PRIMARY KEY (household_id, county_code);
ALTER TABLE pairings DROP CONSTRAINT pairings_pkey;
ALTER TABLE pairings DROP CONSTRAINT pairings_id_key;
ALTER TABLE pairings ADD CONSTRAINT pairings_pkey PRIMARY KEY (id, county_code);
