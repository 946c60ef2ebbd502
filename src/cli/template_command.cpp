#include <fmt/core.h>

#include "cli/command.h"
#include "ingest/template_writer.h"
#include "store/reference_data.h"

namespace shuanglian::cli {

void AddTemplateCommand(CommandRegistry registry) {
  struct Options {
    std::string db;
    std::string kind;
    std::string output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = registry.app.add_subcommand("template", "生成空白导入模板（带表头和可选值）");
  AddDatabaseOption(*command, options->db);
  command->add_option("kind", options->kind, "households 或 persons")->required();
  command->add_option("-o,--output", options->output, "输出文件 .xlsx 或 .csv")->required();
  command->callback([options, &chosen = registry.chosen] {
    chosen = [options] {
      const auto kind = ingest::ParseImportKind(options->kind);
      if (!kind) {
        throw UsageError("模板类型应为 households 或 persons，不是“" + options->kind + "”");
      }
      auto database = OpenForCommand(options->db);
      try {
        ingest::WriteTemplate(*kind, options->output, store::LoadDictionaries(*database));
      } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
      }
      fmt::print("已写入模板 {}\n", options->output);
      return kExitOk;
    };
  });
}

}  // namespace shuanglian::cli
