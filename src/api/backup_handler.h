#pragma once

#include <string>

namespace shuanglian::api {

// Removes the copies of the database that downloads left in the work directory when their
// server was killed between making one and sending it (POST /backup): each holds everyone's
// personal data. A download in flight is unlinked as soon as its file is opened for
// sending, so only leftovers are found here.
void RemoveLeftoverDownloads(const std::string& work_directory);

}  // namespace shuanglian::api
