#include <fmt/core.h>

#include <filesystem>

#include "cli/command.h"
#include "cli/copy_report.h"
#include "cli/progress_bar.h"
#include "store/photo_files.h"
#include "store/transfer.h"

namespace shuanglian::cli {

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
      RequireExistingDatabase(options->from, "源数据库文件");
      RequireDistinctDatabases(options->from, options->to, "--from 与 --to");
      const std::string photos_from = store::PhotoDirectory(options->photos_from, options->from);
      const std::string photos_to = store::PhotoDirectory(options->photos_to, options->to);
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
      PrintChecksums(outcome.source, outcome.target, "源", "目标");
      if (!outcome.committed) {
        fmt::print("迁移后核对不一致，已撤销，目标未改动：{} → {}\n", from->Describe(),
                   to->Describe());
        return kExitInternal;
      }
      PrintPhotoCopy(photos, photos_from, photos_to);
      fmt::print("迁移完成，全部一致：{} → {}\n", from->Describe(), to->Describe());
      return kExitOk;
    };
  });
}

}  // namespace shuanglian::cli
