#include "api/unwritten_reads.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "store/file_locks.h"
#include "store/sha256.h"

namespace shuanglian::api {

namespace {

namespace fs = std::filesystem;

// "audit-reads-<database>-<pid>-<time>-<count>.jsonl"
std::string Prefix(const std::string& database) {
  return "audit-reads-" + store::Sha256Hex(database).substr(0, 16) + "-";
}

// The process, the time and a count: no two names alike, since a rename onto a name in use
// would replace that file.
std::string Stamp() {
  static std::atomic<int> count = 0;
  return std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + "-" +
         std::to_string(count++) + ".jsonl";
}

boost::json::value OptionalText(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

std::optional<std::string> TextOrNull(const boost::json::object& line, const char* key) {
  const boost::json::value* found = line.if_contains(key);
  if (found == nullptr || found->is_null()) {
    return std::nullopt;
  }
  return std::string(found->as_string());
}

store::AuditEntry EntryOf(const boost::json::object& line) {
  store::AuditEntry entry;
  entry.at = std::string(line.at("at").as_string());
  if (const boost::json::value* user = line.if_contains("user_id"); user && !user->is_null()) {
    entry.user_id = user->as_int64();
  }
  entry.username = std::string(line.at("username").as_string());
  entry.action = std::string(line.at("action").as_string());
  entry.entity = std::string(line.at("entity").as_string());
  entry.entity_key = std::string(line.at("entity_key").as_string());
  entry.before_json = TextOrNull(line, "before_json");
  entry.after_json = TextOrNull(line, "after_json");
  entry.ip = std::string(line.at("ip").as_string());
  return entry;
}

// The whole file locked for writing through this descriptor, if no one else holds it, and
// the name still standing for it (a file its holder removed after we opened it is gone).
bool TakeHold(int descriptor, const std::string& path) {
  if (!store::TryLockRange(descriptor, F_WRLCK, 0, 0)) {
    return false;
  }
  struct stat held {};
  struct stat named {};
  return ::fstat(descriptor, &held) == 0 && ::stat(path.c_str(), &named) == 0 &&
         held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

// The entries of a held file; false, with the problem said, when it cannot be read whole
// (it is then left for a later server, not removed with entries unread).
bool ReadInto(int descriptor, const std::string& path, ClaimedReads& claimed) {
  std::string text;
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(descriptor, buffer, sizeof buffer);
    if (got > 0) {
      text.append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0) {
      break;
    } else if (errno != EINTR) {
      claimed.problems.push_back(path + " 无法读取，留待以后：" + std::strerror(errno));
      return false;
    }
  }
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++number;
    if (line.empty()) {
      continue;
    }
    try {
      claimed.entries.push_back(EntryOf(boost::json::parse(line).as_object()));
    } catch (const std::exception& error) {
      claimed.problems.push_back(path + " 第 " + std::to_string(number) + " 行无法读取，未补写：" +
                                 error.what());
    }
  }
  return true;
}

}  // namespace

void ClaimedFile::Remove() {
  std::error_code ignored;
  fs::remove(path_, ignored);
}

std::string SaveUnwrittenReads(const std::string& directory, const std::string& database,
                               const std::vector<store::AuditEntry>& entries) {
  const std::string path = directory + "/" + Prefix(database) + Stamp();
  // Not ending in .jsonl until it is whole: no server takes it meanwhile.
  const std::string partial = path + ".partial";
  std::FILE* file = std::fopen(partial.c_str(), "wb");
  if (file == nullptr) {
    throw std::runtime_error("无法创建 " + partial);
  }
  bool written = true;
  for (const store::AuditEntry& entry : entries) {
    boost::json::object line{{"at", entry.at},
                             {"user_id", entry.user_id ? boost::json::value(*entry.user_id)
                                                       : boost::json::value(nullptr)},
                             {"username", entry.username},
                             {"action", entry.action},
                             {"entity", entry.entity},
                             {"entity_key", entry.entity_key},
                             {"before_json", OptionalText(entry.before_json)},
                             {"after_json", OptionalText(entry.after_json)},
                             {"ip", entry.ip}};
    const std::string text = boost::json::serialize(line) + "\n";
    written = written && std::fwrite(text.data(), 1, text.size(), file) == text.size();
  }
  written = std::fflush(file) == 0 && written && ::fsync(::fileno(file)) == 0;
  written = std::fclose(file) == 0 && written;
  std::error_code renamed;
  if (written) {
    fs::rename(partial, path, renamed);
  }
  if (!written || renamed) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw std::runtime_error("无法写入 " + path);
  }
  return path;
}

ClaimedReads ClaimUnwrittenReads(const std::string& directory, const std::string& database) {
  ClaimedReads claimed;
  const std::string prefix = Prefix(database);
  std::error_code listing;
  for (const fs::directory_entry& found : fs::directory_iterator(directory, listing)) {
    const std::string name = found.path().filename().string();
    if (!name.starts_with(prefix) || !name.ends_with(".jsonl")) {
      continue;
    }
    const std::string path = found.path().string();
    const int descriptor = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (descriptor < 0) {
      if (errno != ENOENT) {  // ENOENT: written and removed meanwhile by the server holding it
        // Another user's, say (a work directory shared by servers run as different users):
        // said at each start, for an operator to hand it to the server of its user.
        claimed.problems.push_back(path + " 无法认领：" + std::strerror(errno));
      }
      continue;
    }
    auto file = std::make_unique<ClaimedFile>(path, descriptor);  // closes it, whatever follows
    if (!TakeHold(descriptor, path)) {
      continue;  // a live server holds it, or has written and removed it
    }
    const std::size_t before = claimed.entries.size();
    if (!ReadInto(descriptor, path, claimed)) {
      claimed.entries.resize(before);
      continue;
    }
    claimed.files.push_back(std::move(file));
  }
  return claimed;
}

}  // namespace shuanglian::api
