// A download of the whole database, for the administrator of a township's server (a laptop
// on SQLite): the checked copy `shuanglian backup` makes (docs/backup.md).
#include "api/backup_handler.h"

#include <boost/json.hpp>
#include <cctype>
#include <filesystem>

#include "api/api.h"
#include "api/export.h"
#include "api/json_text.h"
#include "api/passwords.h"
#include "core/date.h"
#include "store/backup.h"

namespace shuanglian::api {

namespace {

// The work directory's copies made for a download ("backup-….db", and its ".partial").
constexpr const char* kDownloadPrefix = "backup-";

// Made on this request's connection in one read snapshot while everyone else goes on
// writing, checked table by table, streamed, then deleted. The download is audited: the file
// holds every household's personal data in the clear.
Response DownloadBackup(Context& context) {
  context.Require("system:backup:export");
  if (context.db().backend() != store::Backend::kSqlite) {
    throw ApiError(409, "backup_unsupported",
                   "服务器上的 PostgreSQL 数据库请用 pg_dump 等工具备份（见 docs/backup.md）");
  }
  const std::string path =
      context.state().work_directory + "/" + kDownloadPrefix + RandomToken().substr(0, 16) + ".db";
  const store::BackupOutcome outcome = store::Backup(context.db(), path);
  if (!outcome.kept) {
    throw ApiError(500, "backup_failed", "备份核对不一致，没有生成备份文件：请联系系统管理员");
  }
  const std::string file_name =
      "双联数据库备份-" + core::FileNameStamp(context.state().now()) + ".db";
  std::int64_t rows = 0;
  for (const store::TableChecksum& table : outcome.copy) {
    rows += table.rows;
  }
  try {
    store::Transaction transaction(context.db());
    context.Audit("backup", "database", file_name, std::nullopt,
                  ToJsonText(boost::json::object{
                      {"tables", static_cast<std::int64_t>(outcome.copy.size())}, {"rows", rows}}));
    transaction.Commit();
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    throw;
  }
  Response response;
  response.file_path = path;
  response.delete_file_after = true;
  response.content_type = "application/vnd.sqlite3";
  response.headers.emplace_back("Content-Disposition", ContentDisposition(file_name));
  return response;
}

// The names DownloadBackup gives: "backup-" and 16 hex digits, then ".db", ".db.partial" or
// SQLite's journal of the partial. Nothing else in the directory is ours to remove.
bool IsDownloadCopy(const std::string& name) {
  const std::string prefix = kDownloadPrefix;
  if (!name.starts_with(prefix) || name.size() < prefix.size() + 16) {
    return false;
  }
  for (std::size_t index = prefix.size(); index < prefix.size() + 16; ++index) {
    if (std::isxdigit(static_cast<unsigned char>(name[index])) == 0 ||
        std::isupper(static_cast<unsigned char>(name[index])) != 0) {
      return false;
    }
  }
  const std::string rest = name.substr(prefix.size() + 16);
  return rest == ".db" || rest == ".db.partial" || rest == ".db.partial-journal";
}

}  // namespace

void RemoveLeftoverDownloads(const std::string& work_directory) {
  std::error_code error;
  for (std::filesystem::directory_iterator entry(work_directory, error), end;
       !error && entry != end; entry.increment(error)) {
    if (IsDownloadCopy(entry->path().filename().string())) {
      std::error_code ignored;
      std::filesystem::remove(entry->path(), ignored);
    }
  }
}

std::vector<Route> BackupRoutes() {
  return {
      // Its own transactions: the copy is read in a snapshot, which a request transaction
      // would already have begun.
      {"POST", "/api/v1/backup", DownloadBackup, false, true},
  };
}

}  // namespace shuanglian::api
