#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/data_scope.h"
#include "store/fieldwork_records.h"
#include "store/value.h"

namespace shuanglian::store {

// The WHERE of a query over one kind of field record (alias `r`): the scope first, then the
// filter's conditions (region, cadre, household, days on `day_column`, status ...). Lists and
// summaries share it, so a summary counts exactly the records its list would show.
std::string FieldRecordWhere(const FieldFilter& filter, const DataScope& scope,
                             std::string_view table, std::vector<Param>& params,
                             std::string_view day_column);

}  // namespace shuanglian::store
