# Shared by the scripts of bench/import-pg (sourced, after $work, $data, $port and $cluster are
# set and PGPASSWORD exported): psql as owner and superuser, the quiet start of a measured
# step, and the reference.

# psql as the registry's owner (over TCP, add -d), and as the cluster's superuser (over its
# socket, in the postgres database).
as_owner() { psql -h 127.0.0.1 -p "$port" -U shuanglian -q -v ON_ERROR_STOP=1 "$@"; }
as_superuser() { psql -h "$cluster" -p "$port" -U postgres -d postgres -q "$@"; }

# Each measured step starts on a quiet server: no checkpoint of an earlier step's writes still
# running (CHECKPOINT needs the cluster's superuser).
quiet() { as_superuser -c CHECKPOINT; }

# Reference: psql \copy of the same CSV files into bare tables (every column text, no checks,
# no indexes), in a database of its own made afresh (`reference`, or the one named). Prints
# what measure_cpu prints (the seconds first).
reference() {
  local database=${1:-reference}
  cat >"$work/reference-pg.sql" <<SQL
CREATE TABLE households (c1 text,c2 text,c3 text,c4 text,c5 text,c6 text,c7 text,c8 text,c9 text,c10 text,c11 text,c12 text,c13 text,c14 text,c15 text,c16 text,c17 text,c18 text,c19 text);
CREATE TABLE persons (c1 text,c2 text,c3 text,c4 text,c5 text,c6 text,c7 text,c8 text,c9 text,c10 text,c11 text,c12 text,c13 text,c14 text);
\\copy households FROM '$data/households.csv' WITH (FORMAT csv, HEADER true)
\\copy persons FROM '$data/persons.csv' WITH (FORMAT csv, HEADER true)
SQL
  as_owner -d shuanglian_test -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
  quiet
  measure_cpu psql -h 127.0.0.1 -p "$port" -U shuanglian -d "$database" -q -v ON_ERROR_STOP=1 -f "$work/reference-pg.sql"
}
