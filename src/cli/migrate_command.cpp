#include <fmt/core.h>

#include "cli/command.h"
#include "store/migrations.h"
#include "store/reference_data.h"

namespace shuanglian::cli {

void AddMigrateCommand(CommandRegistry registry) {
  auto target = std::make_shared<std::string>();
  CLI::App* command = registry.app.add_subcommand(
      "migrate", "创建或升级数据库结构（其他命令首次使用时也会自动执行）");
  AddDatabaseOption(*command, *target);
  command->callback([target, &chosen = registry.chosen] {
    chosen = [target] {
      auto database = store::OpenUnmigrated(*target);
      const auto applied = store::Migrate(*database);
      store::EnsureReferenceData(*database);
      for (const store::MigrationStatus& status : store::ListMigrations(*database)) {
        const bool now = std::find(applied.begin(), applied.end(), status.version) != applied.end();
        fmt::print("{:04d}_{}  {}\n", status.version, status.name,
                   now ? "本次已应用" : (status.applied ? "已应用" : "未应用"));
      }
      fmt::print("{}：数据库结构为最新\n", database->Describe());
      return kExitOk;
    };
  });
}

void AddDictionaryCommand(CommandRegistry registry) {
  auto target = std::make_shared<std::string>();
  auto directory = std::make_shared<std::string>();
  CLI::App* dict = registry.app.add_subcommand("dict", "字典（枚举值）");
  dict->require_subcommand(1);
  CLI::App* load = dict->add_subcommand("load", "从 data/ 目录重新加载字典和贫困线");
  AddDatabaseOption(*load, *target);
  load->add_option("--data", *directory, "data 目录（默认：源码树中的 data/ 或程序内置）");
  load->callback([target, directory, &chosen = registry.chosen] {
    chosen = [target, directory] {
      auto database = OpenForCommand(*target);
      const auto files = directory->empty() ? store::DataFiles::Locate()
                                            : store::DataFiles::FromDirectory(*directory);
      store::LoadReferenceData(*database, files);
      const auto dictionaries = store::LoadDictionaries(*database);
      for (const core::Dictionary& dictionary : dictionaries.all()) {
        fmt::print("{:<26} {:<8} {} 项\n", dictionary.name(), dictionary.title(),
                   dictionary.items().size());
      }
      fmt::print("已从 {} 加载\n", files.Describe());
      return kExitOk;
    };
  });
}

}  // namespace shuanglian::cli
