-- SQLite's migration 12 makes household ids never given twice (AUTOINCREMENT). PostgreSQL's
-- identity sequence never went back: nothing to change. The version is kept so that both
-- backends count their migrations alike.
SELECT 1;
