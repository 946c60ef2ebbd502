#pragma once

#include <boost/json.hpp>

#include "report/document.h"

namespace shuanglian::api {

// A report document for the web page to show: {"title", "subtitle", "note", "sections": [{
// "title", "blocks": [{"kind": "paragraph"|"warning"|"to_fill"|"table", "text"} or {"kind":
// "table", "table": {"caption", "header", "rows", "numeric"}}]}]}.
boost::json::object DocumentToJson(const report::Document& document);

}  // namespace shuanglian::api
