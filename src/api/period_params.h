#pragma once

#include "api/context.h"
#include "core/date.h"

namespace shuanglian::api {

// The day a request judges by: ?as_of=YYYY-MM-DD, or today (as the CLI's --as-of). 400 when
// it is not a date.
core::Date AsOf(Context& context);

// The year a request is about: ?year=YYYY, or the year of AsOf. 400 when it is not a year.
int YearOf(Context& context);

}  // namespace shuanglian::api
