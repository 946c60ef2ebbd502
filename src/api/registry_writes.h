#pragma once

#include <string>

#include "api/context.h"
#include "core/household.h"
#include "core/person.h"
#include "store/import_rows.h"

namespace shuanglian::api {

// A household or a person from a form: validated by the same rules as an import row, the
// village checked against the region tree, written through the import's store so that
// every rule of the registry holds. Validation failures are 400 with one detail per field.
// A write says what it did: the store upserts, so a record created by someone else since
// the caller's check (a parallel request; on PostgreSQL nothing locks the absence of a row)
// comes back updated or unchanged, never inserted, and a create refuses that.
core::Household HouseholdFromBody(Context& context, const std::string& household_no_from_path);
store::RowOutcome WriteHousehold(Context& context, const core::Household& household);

core::Person PersonFromBody(Context& context);
store::RowOutcome WritePerson(Context& context, const core::Person& person);

}  // namespace shuanglian::api
