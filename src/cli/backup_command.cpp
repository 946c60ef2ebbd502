#include <fmt/core.h>

#include <algorithm>
#include <filesystem>

#include "api/json_text.h"
#include "cli/command.h"
#include "cli/copy_report.h"
#include "core/date.h"
#include "store/backup.h"
#include "store/photo_files.h"
#include "store/user_repository.h"

namespace shuanglian::cli {

namespace {

constexpr const char* kServerDatabase =
    "是数据库服务器，它的备份与恢复用 PostgreSQL 自己的工具（pg_dump / pg_restore、"
    "pg_basebackup），见 docs/backup.md";

void RequireFile(const std::string& db) {
  if (db.empty()) {
    throw UsageError("--db 不能为空");
  }
  if (store::IsPostgresUrl(db)) {
    throw UsageError(db + " " + kServerDatabase);
  }
}

bool HasTable(const std::vector<store::TableChecksum>& tables, const std::string& name) {
  return std::any_of(tables.begin(), tables.end(),
                     [&](const store::TableChecksum& table) { return table.table == name; });
}

std::string Megabytes(const std::string& path) {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(path, error);
  return error ? std::string("?") : fmt::format("{:.1f}", static_cast<double>(bytes) / 1e6);
}

struct BackupOptions {
  std::string db = "shuanglian.db";
  std::string output;
  std::string photos;
  std::string photos_to;
};

int RunBackup(const BackupOptions& options) {
  RequireFile(options.db);
  RequireExistingDatabase(options.db, "数据库文件");
  const std::string photos_from = store::PhotoDirectory(options.photos, options.db);
  const std::string photos_to = store::PhotoDirectory(options.photos_to, options.output);
  // Not migrated: a backup is of the file as it is, taken before an upgrade as well.
  const auto source = store::OpenUnmigrated(options.db);
  store::PhotoCopy photos;
  const store::BackupOutcome outcome =
      store::Backup(*source, options.output, [&](const store::BackupOutcome& checked) {
        if (HasTable(checked.source, "photos")) {
          photos = store::CopyPhotos(store::PhotoNames(*source), photos_from, photos_to);
        }
      });
  PrintChecksums(outcome.source, outcome.copy, "数据库", "备份");
  if (!outcome.problems.empty()) {
    // The copy is the source's pages: what is wrong with it was wrong with them.
    for (const std::string& problem : outcome.problems) {
      fmt::print(stderr, "副本检查出错：{}\n", problem);
    }
    fmt::print(stderr,
               "备份的副本未通过完整性检查，多半是数据库文件 {} 本身已损坏（可用以前的备份恢复）；"
               "没有留下备份文件\n",
               options.db);
    return kExitUnusable;
  }
  if (!outcome.kept) {
    fmt::print(stderr, "备份核对不一致，已删除，没有留下备份文件：{}\n", options.output);
    return kExitInternal;
  }
  PrintPhotoCopy(photos, photos_from, photos_to);
  fmt::print("备份完成，全部一致：{} → {}（{} MB，{} 张表）\n", options.db, options.output,
             Megabytes(options.output), outcome.copy.size());
  fmt::print("恢复时：shuanglian restore --from {} --db {}\n", options.output, options.db);
  return kExitOk;
}

struct RestoreOptions {
  std::string db = "shuanglian.db";
  std::string from;
  std::string photos_from;
  std::string photos;
};

int RunRestore(const RestoreOptions& options) {
  RequireFile(options.db);
  RequireDistinctDatabases(options.from, options.db, "--from 与 --db");
  const store::BackupFile backup = store::CheckBackupFile(options.from);
  const std::string photos_from = store::PhotoDirectory(options.photos_from, options.from);
  const std::string photos_to = store::PhotoDirectory(options.photos, options.db);
  const std::string now = NowIso();
  const auto target = store::OpenUnmigrated(options.db);
  const store::RestoreOutcome outcome =
      store::Restore(options.from, backup, *target,
                     // Beside it: "town.db" as "town.before-restore-20261207-214005.db".
                     store::NameBeside(options.db, ".before-restore-" + core::FileNameStamp(now)));
  PrintChecksums(outcome.backup.tables, outcome.restored, "备份", "恢复后");
  if (outcome.kept_damaged) {
    fmt::print(stderr,
               "⚠ 恢复前的数据库未通过完整性检查（已损坏），已原样另存为 {}（{} MB，未经核对）\n",
               outcome.kept_before, Megabytes(outcome.kept_before));
  } else if (!outcome.kept_before.empty()) {
    fmt::print("恢复前的数据库已另存为 {}（{} MB）\n", outcome.kept_before,
               Megabytes(outcome.kept_before));
  }
  try {
    // Sessions come back with the backup, ones ended since included: ended before anything
    // else, so that a step failing below cannot leave them alive. Everyone signs in again.
    if (HasTable(outcome.restored, "sessions")) {
      store::Transaction transaction(*target);
      store::UserRepository(*target).DeleteAllSessions();
      transaction.Commit();
    }
    // Then the database as every command leaves it: this program's schema, and a record in
    // its audit log of what replaced it.
    store::BringUpToDate(*target);
    {
      store::Transaction transaction(*target);
      AuditCommand(*target, "restore", "database", options.from,
                   api::ToJsonText(boost::json::object{{"backup", options.from},
                                                       {"kept_before", outcome.kept_before}}));
      transaction.Commit();
    }
    const store::PhotoCopy photos =
        store::CopyPhotos(store::PhotoNames(*target), photos_from, photos_to);
    PrintPhotoCopy(photos, photos_from, photos_to);
  } catch (const std::exception&) {
    fmt::print(stderr, "数据库已换成备份 {} 的内容{}，但之后的一步没有完成：\n", options.from,
               outcome.kept_before.empty() ? std::string()
                                           : "（恢复前的数据库在 " + outcome.kept_before + "）");
    throw;
  }
  fmt::print("恢复完成，全部一致：{} → {}；所有用户需要重新登录\n", options.from, options.db);
  return kExitOk;
}

}  // namespace

void AddBackupCommands(CommandRegistry registry) {
  auto backup = std::make_shared<BackupOptions>();
  CLI::App* backup_command = registry.app.add_subcommand(
      "backup",
      "把数据库文件连同走访照片备份为一个新文件：服务运行时也可以备份，逐表核对行数和校验和");
  AddDatabaseOption(*backup_command, backup->db);
  backup_command->add_option("-o,--output", backup->output, "备份文件（须为新文件）")->required();
  backup_command->add_option("--photos", backup->photos,
                             "数据库的照片目录（默认同 serve：数据库文件旁的 .photos）");
  backup_command->add_option("--photos-to", backup->photos_to,
                             "备份的照片目录（默认：备份文件旁的 .photos）");
  backup_command->callback(
      [backup, &chosen = registry.chosen] { chosen = [backup] { return RunBackup(*backup); }; });

  auto restore = std::make_shared<RestoreOptions>();
  CLI::App* restore_command = registry.app.add_subcommand(
      "restore", "用备份文件恢复数据库（须先停止服务）：恢复前的数据库另存一份，恢复后逐表核对");
  AddDatabaseOption(*restore_command, restore->db);
  restore_command->add_option("--from", restore->from, "备份文件")->required();
  restore_command->add_option("--photos-from", restore->photos_from,
                              "备份的照片目录（默认：备份文件旁的 .photos）");
  restore_command->add_option("--photos", restore->photos,
                              "数据库的照片目录（默认同 serve：数据库文件旁的 .photos）");
  restore_command->callback([restore, &chosen = registry.chosen] {
    chosen = [restore] { return RunRestore(*restore); };
  });
}

}  // namespace shuanglian::cli
