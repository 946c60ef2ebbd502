#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/checksums.h"
#include "store/database.h"

namespace shuanglian::store {

// Counts and checksums of every table of the registry, the same on SQLite and PostgreSQL
// for the same rows: the proof that a transfer moved everything.
std::vector<TableChecksum> Checksums(Database& database);

// What a transfer found: the tables' counts and checksums on both sides, each read before the
// target committed, and whether it did.
struct TransferOutcome {
  std::vector<TableChecksum> source;  // in the one snapshot the rows were copied from
  std::vector<TableChecksum> target;  // in the target's transaction, with the copied rows
  bool committed = false;             // only when the two agree
};

// Copies the whole registry from one database to another, either way between SQLite and
// PostgreSQL, in one transaction on the target: a transfer that fails midway leaves the
// target as it was. The source is read in one snapshot (a source in use stays in use, and
// its rows are copied as one moment left them) and not written. The target must hold
// nothing but the reference data a new database gives itself; that is replaced by the
// source's. The copy is checked table by table before the target commits: when a count or
// a checksum differs, nothing is committed. Throws StoreError.
// `before_commit`, when given, runs in the target's transaction once the copy has checked
// out (the photo files of the copied rows); what it throws rolls the transfer back.
TransferOutcome Transfer(
    Database& from, Database& to,
    const std::function<void(const std::string& table, std::int64_t rows)>& progress,
    const std::function<void(Database& to)>& before_commit = nullptr);

}  // namespace shuanglian::store
