#include <fmt/core.h>

#include "cli/command.h"
#include "cli/progress_bar.h"
#include "store/transfer.h"

namespace shuanglian::cli {

void AddTransferCommand(CommandRegistry registry) {
  struct Options {
    std::string from;
    std::string to;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = registry.app.add_subcommand(
      "transfer",
      "把整个数据库迁移到另一个数据库（SQLite 文件 ⇄ PostgreSQL），并逐表核对行数和校验和");
  command->add_option("--from", options->from, "源：SQLite 文件或 postgresql:// 地址")->required();
  command->add_option("--to", options->to, "目标（须为空库）：SQLite 文件或 postgresql:// 地址")
      ->required();
  command->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      if (options->from == options->to) {
        throw UsageError("--from 与 --to 不能相同");
      }
      auto from = OpenForCommand(options->from);
      auto to = OpenForCommand(options->to);
      ProgressBar bar("迁移");
      store::Transfer(*from, *to,
                      [&bar](const std::string&, std::int64_t rows) { bar.Update(0, rows); });
      bar.Done();
      const auto source = store::Checksums(*from);
      const auto target = store::Checksums(*to);
      bool same = true;
      fmt::print("{:<22} {:>10} {:>18} {:>10} {:>18}\n", "表", "源行数", "源校验和", "目标行数",
                 "目标校验和");
      for (std::size_t index = 0; index < source.size(); ++index) {
        const bool equal = source[index].rows == target[index].rows &&
                           source[index].checksum == target[index].checksum;
        same = same && equal;
        fmt::print("{:<22} {:>10} {:>18x} {:>10} {:>18x} {}\n", source[index].table,
                   source[index].rows, source[index].checksum, target[index].rows,
                   target[index].checksum, equal ? "一致" : "不一致");
      }
      fmt::print("{}：{} → {}\n", same ? "迁移完成，全部一致" : "迁移后核对不一致",
                 from->Describe(), to->Describe());
      return same ? kExitOk : kExitInternal;
    };
  });
}

}  // namespace shuanglian::cli
