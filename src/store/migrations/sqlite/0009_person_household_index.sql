-- A household's members are found by its id alone: a household has a handful of members,
-- and the one question that also named the relation (its head and spouse) filters them on
-- the few rows read. The index without the relation is smaller and quicker to build again
-- after a first load. (PostgreSQL's has the same change.)
DROP INDEX persons_household;
CREATE INDEX persons_household ON persons (household_id);
