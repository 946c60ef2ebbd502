#pragma once

#include <string>

#include "api/context.h"
#include "core/household.h"
#include "core/person.h"

namespace shuanglian::api {

// A household or a person from a form: validated by the same rules as an import row, the
// village checked against the region tree, written through the import's store so that
// every rule of the registry holds. Validation failures are 400 with one detail per field.
core::Household HouseholdFromBody(Context& context, const std::string& household_no_from_path);
void WriteHousehold(Context& context, const core::Household& household);

core::Person PersonFromBody(Context& context);
void WritePerson(Context& context, const core::Person& person);

}  // namespace shuanglian::api
