#pragma once

#include <string>
#include <vector>

#include "store/checksums.h"
#include "store/photo_files.h"

namespace shuanglian::cli {

// What the commands that copy a whole database (transfer, backup, restore) print.

// A line per table: rows and checksum on each side, and whether they agree.
void PrintChecksums(const std::vector<store::TableChecksum>& left,
                    const std::vector<store::TableChecksum>& right, const std::string& left_name,
                    const std::string& right_name);

// The photos copied with it, and a warning for each kind that could not be.
void PrintPhotoCopy(const store::PhotoCopy& photos, const std::string& from, const std::string& to);

}  // namespace shuanglian::cli
