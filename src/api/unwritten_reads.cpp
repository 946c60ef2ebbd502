#include "api/unwritten_reads.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "store/sha256.h"

namespace shuanglian::api {

namespace {

namespace fs = std::filesystem;

// "audit-reads-<database>-saved-<pid>-<nanoseconds>.jsonl" until claimed, then
// "audit-reads-<database>-claimed-<pid>-<nanoseconds>.jsonl" with the claimer's pid.
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

// Is the process that took a file gone? (Its pid is in the name.)
bool ClaimerEnded(const std::string& rest) {
  const auto dash = rest.find('-');
  if (dash == std::string::npos) {
    return false;
  }
  try {
    const pid_t pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
    return pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH;
  } catch (const std::exception&) {
    return false;
  }
}

void ReadInto(const std::string& path, ClaimedReads& claimed) {
  std::ifstream in(path);
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (text.empty()) {
      continue;
    }
    try {
      claimed.entries.push_back(EntryOf(boost::json::parse(text).as_object()));
    } catch (const std::exception& error) {
      claimed.problems.push_back(path + " 第 " + std::to_string(number) + " 行无法读取，未补写：" +
                                 error.what());
    }
  }
}

}  // namespace

std::string SaveUnwrittenReads(const std::string& directory, const std::string& database,
                               const std::vector<store::AuditEntry>& entries) {
  const std::string path = directory + "/" + Prefix(database) + "saved-" + Stamp();
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
  // On the disk before it has its name: a name never stands for half a file.
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
  const std::string saved = Prefix(database) + "saved-";
  const std::string taken = Prefix(database) + "claimed-";
  std::error_code listing;
  std::vector<fs::path> candidates;
  for (const fs::directory_entry& found : fs::directory_iterator(directory, listing)) {
    const std::string name = found.path().filename().string();
    if (!name.ends_with(".jsonl")) {
      continue;
    }
    if (name.starts_with(saved) ||
        (name.starts_with(taken) && ClaimerEnded(name.substr(taken.size())))) {
      candidates.push_back(found.path());
    }
  }
  for (const fs::path& candidate : candidates) {
    const std::string mine = directory + "/" + taken + Stamp();
    std::error_code renamed;
    fs::rename(candidate, mine, renamed);
    if (renamed) {
      continue;  // another server took it first
    }
    ReadInto(mine, claimed);
    claimed.files.push_back(mine);
  }
  return claimed;
}

}  // namespace shuanglian::api
