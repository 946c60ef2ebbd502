-- PostgreSQL's migration 13 makes every text column compare byte by byte (COLLATE "C"),
-- whatever the database's own collation. SQLite's text columns always did (BINARY): nothing
-- to change. The version is kept so that both backends count their migrations alike.
SELECT 1;
