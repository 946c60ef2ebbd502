#pragma once

#include <string>

#include "core/dictionary.h"
#include "ingest/import_runner.h"

namespace shuanglian::ingest {

// An empty import template: .xlsx with a title, a note, the header (required columns marked
// *) and a second sheet of allowed values; or .csv (UTF-8 with BOM) with the header only.
// Throws std::invalid_argument for another extension.
void WriteTemplate(ImportKind kind, const std::string& path,
                   const core::DictionarySet& dictionaries);

}  // namespace shuanglian::ingest
