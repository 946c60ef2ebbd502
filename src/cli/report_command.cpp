// shuanglian report: the draft of a region's progress report (进展情况汇报), computed from the
// records, as Markdown, HTML, PDF or a Word document.
#include <fmt/core.h>

#include <filesystem>
#include <fstream>

#include "cli/command.h"
#include "report/document.h"
#include "report/pdf_printer.h"
#include "report/progress_report.h"
#include "store/reference_data.h"

namespace shuanglian::cli {

namespace {

struct Options {
  std::string db = "shuanglian.db";
  std::string region;
  int year = 0;
  std::string as_of;
  std::string output;
  bool overwrite = false;
};

void WriteWhole(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    throw UsageError("无法写入 " + path);
  }
}

// The file appears whole or not at all, under its name only when done: a report is edited
// by hand afterwards, and a half-written one taken for the finished draft loses that work.
void Publish(const std::string& output, const std::string& extension,
             const report::Document& document) {
  const std::string partial = output + ".partial";
  struct Cleanup {
    const std::string& path;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } cleanup{partial};
  if (extension == ".pdf") {
    const std::string html = partial + ".html";
    const Cleanup html_cleanup{html};
    WriteWhole(html, report::ToHtml(document));
    if (!report::PrintHtmlToPdf(html, partial)) {
      throw UsageError("用 Chromium 生成 PDF 失败（请确认已安装 chromium，或改为输出 .html / .docx）");
    }
  } else {
    WriteWhole(partial, extension == ".docx"   ? report::ToDocx(document)
                        : extension == ".html" ? report::ToHtml(document)
                                               : report::ToMarkdown(document));
  }
  std::error_code error;
  std::filesystem::rename(partial, output, error);
  if (error) {
    throw UsageError("无法写入 " + output + "：" + error.message());
  }
}

int Run(const Options& options) {
  std::string extension;
  if (!options.output.empty()) {
    extension = std::filesystem::path(options.output).extension().string();
    if (extension != ".md" && extension != ".html" && extension != ".pdf" &&
        extension != ".docx") {
      throw UsageError("-o " + options.output + "：应以 .docx、.html、.pdf 或 .md 结尾");
    }
    if (!options.overwrite && std::filesystem::exists(options.output)) {
      throw UsageError("文件 " + options.output +
                       " 已存在：它可能已被修改过，报告不会覆盖它。请换一个文件名，或加 --overwrite");
    }
  }
  const core::Date as_of = AsOfOrToday(options.as_of);
  const int year = options.year > 0 ? options.year : as_of.year;
  auto database = OpenForCommand(options.db);
  const auto dictionaries = store::LoadDictionaries(*database);
  report::ProgressFacts facts;
  try {
    facts = report::GatherProgressFacts(*database, options.region, year, as_of,
                                        store::DataScope::System(), dictionaries);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const report::Document document = report::ComposeProgressReport(facts, dictionaries);
  if (options.output.empty()) {
    fmt::print("{}", report::ToMarkdown(document));
    return kExitOk;
  }
  Publish(options.output, extension, document);
  fmt::print("已写入 {}：{}（{} 年，截至 {}）\n", options.output, document.title, facts.year,
             facts.as_of.ToIso());
  return kExitOk;
}

}  // namespace

void AddReportCommand(CommandRegistry registry) {
  auto options = std::make_shared<Options>();
  CLI::App* command = registry.app.add_subcommand(
      "report", "进展情况汇报：按记录生成一个区划的汇报初稿（基本情况、主要做法、成效、问题）");
  AddDatabaseOption(*command, options->db);
  command->add_option("--region", options->region, "区划代码（县、乡镇或村）")->required();
  command->add_option("--year", options->year, "年份（默认今年）")->check(CLI::Range(2000, 2100));
  command->add_option("--as-of", options->as_of, "截至哪一天（YYYY-MM-DD，默认今天）");
  command->add_option("-o,--output", options->output,
                      "输出文件 .docx（Word）、.html、.pdf 或 .md；不给则把 Markdown 打印出来");
  command->add_flag("--overwrite", options->overwrite, "输出文件已存在时覆盖它");
  command->callback(
      [options, &chosen = registry.chosen] { chosen = [options] { return Run(*options); }; });
}

}  // namespace shuanglian::cli
