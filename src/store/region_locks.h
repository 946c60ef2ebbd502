#pragma once

#include <string>

#include "store/database.h"

namespace shuanglian::store {

// Serialises the applications of pairing assignments (自动分配) that could touch the same
// households or cadres, until the caller's transaction ends. An application plans, compares
// the plan with the one the user reviewed, then writes it; two of them planning at once on
// PostgreSQL (READ COMMITTED) would each see the households unpaired and pair them twice.
// Taken before planning, so that the second plans after the first has committed and finds its
// pairings.
//
// Keyed by the region's province, not the region itself: a township's plan includes its
// villages' households, and the cadres of a unit paired with villages of several counties
// (a provincial department) are in the plans of each, so any two regions of one province may
// share what they write. On SQLite a no-op: every write transaction begins with BEGIN
// IMMEDIATE, which serialises the writers already.
void LockAssignmentsOf(Database& database, const std::string& region_code);

}  // namespace shuanglian::store
