#include <fmt/core.h>

#include <filesystem>

#include "cli/command.h"
#include "cli/progress_bar.h"
#include "store/photo_files.h"
#include "store/transfer.h"

namespace shuanglian::cli {

namespace {

// An SQLite source must exist: opening a mistyped path would create an empty database and
// move its nothing, and a target is never left to a typo.
void RequireSource(const std::string& from) {
  if (store::IsPostgresUrl(from)) {
    return;
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(from, error)) {
    throw UsageError("源数据库文件不存在：" + from);
  }
}

void RequireDistinct(const std::string& from, const std::string& to) {
  std::error_code error;
  if (from == to || (!store::IsPostgresUrl(from) && !store::IsPostgresUrl(to) &&
                     std::filesystem::equivalent(from, to, error))) {
    throw UsageError("--from 与 --to 不能是同一个数据库");
  }
}

void PrintChecksums(const store::TransferOutcome& outcome) {
  fmt::print("{:<22} {:>10} {:>18} {:>10} {:>18}\n", "表", "源行数", "源校验和", "目标行数",
             "目标校验和");
  for (std::size_t index = 0; index < outcome.source.size(); ++index) {
    const auto& source = outcome.source[index];
    const auto& target = outcome.target[index];
    fmt::print("{:<22} {:>10} {:>18x} {:>10} {:>18x} {}\n", source.table, source.rows,
               source.checksum, target.rows, target.checksum, source == target ? "一致" : "不一致");
  }
}

void WarnAbout(const std::vector<std::string>& photos, const std::string& what) {
  if (photos.empty()) {
    return;
  }
  fmt::print(stderr, "⚠ {} 张照片{}（数据库里有记录，照片本身没有迁移）：", photos.size(), what);
  for (std::size_t index = 0; index < photos.size() && index < 5; ++index) {
    fmt::print(stderr, "{}{}", index ? "、" : "", photos[index]);
  }
  fmt::print(stderr, "{}\n", photos.size() > 5 ? " 等" : "");
}

}  // namespace

void AddTransferCommand(CommandRegistry registry) {
  struct Options {
    std::string from;
    std::string to;
    std::string photos_from;
    std::string photos_to;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      registry.app.add_subcommand("transfer",
                                  "把整个数据库迁移到另一个数据库（SQLite 文件 ⇄ "
                                  "PostgreSQL），连同走访照片，并逐表核对行数和校验和");
  command->add_option("--from", options->from, "源：SQLite 文件或 postgresql:// 地址")->required();
  command
      ->add_option("--to", options->to, "目标（须为新建的空库）：SQLite 文件或 postgresql:// 地址")
      ->required();
  command->add_option("--photos-from", options->photos_from,
                      "源的照片目录（默认同 serve：SQLite 文件旁的 .photos；PostgreSQL 时为 "
                      "./shuanglian-photos）");
  command->add_option("--photos-to", options->photos_to, "目标的照片目录（默认同上）");
  command->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      RequireSource(options->from);
      RequireDistinct(options->from, options->to);
      const std::string photos_from = options->photos_from.empty()
                                          ? store::DefaultPhotoDirectory(options->from)
                                          : options->photos_from;
      const std::string photos_to = options->photos_to.empty()
                                        ? store::DefaultPhotoDirectory(options->to)
                                        : options->photos_to;
      auto from = OpenForCommand(options->from);
      auto to = OpenForCommand(options->to);
      ProgressBar bar("迁移");
      store::PhotoCopy photos;
      const auto outcome = store::Transfer(
          *from, *to, [&bar](const std::string&, std::int64_t rows) { bar.Update(0, rows); },
          [&](store::Database& target) {
            // The photo files go before the rows commit; a file copied for a transfer that
            // then rolls back is only a spare copy of a photo, named by its content.
            photos = store::CopyPhotos(store::PhotoNames(target), photos_from, photos_to);
          });
      bar.Done();
      PrintChecksums(outcome);
      if (!outcome.committed) {
        fmt::print("迁移后核对不一致，已撤销，目标未改动：{} → {}\n", from->Describe(),
                   to->Describe());
        return kExitInternal;
      }
      fmt::print("照片：复制 {} 张，目标目录已有 {} 张（{} → {}）\n", photos.copied,
                 photos.already_there, photos_from, photos_to);
      WarnAbout(photos.missing, "在源目录 " + photos_from + " 中找不到");
      WarnAbout(photos.damaged, "在源目录中已损坏（内容与名称不符）");
      fmt::print("迁移完成，全部一致：{} → {}\n", from->Describe(), to->Describe());
      return kExitOk;
    };
  });
}

}  // namespace shuanglian::cli
