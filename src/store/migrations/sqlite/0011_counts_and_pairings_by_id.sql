-- PostgreSQL's migration 11 keys member counts and pairings by their id (with county_code)
-- alone. Here a household's counts are keyed by household_id and a pairing by its id, the
-- rowid: nothing to change. The version is kept so that both backends count their
-- migrations alike.
SELECT 1;
