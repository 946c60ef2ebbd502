-- PostgreSQL's migration 10 keys households and members by (id, county_code) alone. Here
-- their id is already the rowid, their one key: nothing to change. The version is kept so
-- that both backends count their migrations alike.
SELECT 1;
