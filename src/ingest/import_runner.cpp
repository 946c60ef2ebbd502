#include "ingest/import_runner.h"

#include <memory>

#include "core/household.h"
#include "core/person.h"
#include "core/record_reader.h"
#include "ingest/csv_reader.h"
#include "ingest/header_mapping.h"
#include "ingest/reject_report.h"
#include "ingest/table_open.h"
#include "store/household_store.h"
#include "store/import_job_repository.h"
#include "store/person_store.h"
#include "store/reference_data.h"
#include "store/region_repository.h"

namespace shuanglian::ingest {

namespace {

constexpr std::size_t kHeaderSearchRows = 30;

std::string JoinList(const std::vector<std::string>& items, std::size_t most = 10) {
  std::string out;
  for (std::size_t index = 0; index < items.size() && index < most; ++index) {
    out += (index ? "、" : "") + items[index];
  }
  if (items.size() > most) {
    out += " 等 " + std::to_string(items.size()) + " 项";
  }
  return out;
}

// What differs between households and persons: fields, validation and storage. Valid
// records wait in a queue until the batch is written.
class RecordKind {
 public:
  virtual ~RecordKind() = default;
  virtual std::span<const core::FieldSpec> Fields() const = 0;
  // Validates a row; a valid record is queued, errors are appended.
  virtual void Accept(const core::RawRecord& raw, std::int64_t row_number,
                      std::vector<core::FieldError>& errors) = 0;
  virtual std::size_t Queued() const = 0;
  virtual std::vector<store::RowResult> Flush(const store::WriteContext& context) = 0;
  virtual std::vector<std::string> Warnings() const = 0;
};

class HouseholdKind final : public RecordKind {
 public:
  HouseholdKind(store::Database& database, core::ValidationContext context)
      : context_(std::move(context)), store_(database) {}

  std::span<const core::FieldSpec> Fields() const override { return core::HouseholdFields(); }

  void Accept(const core::RawRecord& raw, std::int64_t row_number,
              std::vector<core::FieldError>& errors) override {
    auto validated = core::ValidateHousehold(raw, context_);
    if (!validated.ok()) {
      errors = std::move(validated.errors);
      return;
    }
    const core::DictionaryItem* category =
        context_.dictionaries.Get(core::dict::kHouseholdCategory).FindCode(validated.value.category);
    if (category != nullptr && category->HasFlag("poor") && validated.value.main_cause.empty()) {
      ++poor_without_cause_;
    }
    queue_.push_back({row_number, std::move(validated.value)});
  }

  std::size_t Queued() const override { return queue_.size(); }

  std::vector<store::RowResult> Flush(const store::WriteContext& context) override {
    auto results = store_.UpsertBatch(queue_, context, created_groups_);
    queue_.clear();
    return results;
  }

  std::vector<std::string> Warnings() const override {
    std::vector<std::string> warnings;
    if (!created_groups_.empty()) {
      warnings.push_back("新建村民小组 " + std::to_string(created_groups_.size()) +
                         " 个：" + JoinList(created_groups_));
    }
    if (poor_without_cause_ > 0) {
      warnings.push_back(std::to_string(poor_without_cause_) + " 户贫困户未填写主要致贫原因");
    }
    return warnings;
  }

 private:
  core::ValidationContext context_;
  store::HouseholdStore store_;
  std::vector<store::ImportRow<core::Household>> queue_;
  std::vector<std::string> created_groups_;
  std::int64_t poor_without_cause_ = 0;
};

class PersonKind final : public RecordKind {
 public:
  PersonKind(store::Database& database, core::ValidationContext context,
             std::vector<std::string> labour_codes)
      : context_(std::move(context)), store_(database, std::move(labour_codes)) {}

  std::span<const core::FieldSpec> Fields() const override { return core::PersonFields(); }

  void Accept(const core::RawRecord& raw, std::int64_t row_number,
              std::vector<core::FieldError>& errors) override {
    auto validated = core::ValidatePerson(raw, context_);
    if (!validated.ok()) {
      errors = std::move(validated.errors);
      return;
    }
    queue_.push_back({row_number, std::move(validated.value)});
  }

  std::size_t Queued() const override { return queue_.size(); }

  std::vector<store::RowResult> Flush(const store::WriteContext& context) override {
    auto results = store_.UpsertBatch(queue_, context);
    queue_.clear();
    for (const store::RowResult& result : results) {
      if (!result.warning.empty()) {
        moves_.push_back(result.warning);
      }
    }
    return results;
  }

  std::vector<std::string> Warnings() const override {
    std::vector<std::string> warnings;
    if (!moves_.empty()) {
      warnings.push_back(std::to_string(moves_.size()) + " 人转入其他户：" + JoinList(moves_, 5));
    }
    return warnings;
  }

 private:
  core::ValidationContext context_;
  store::PersonStore store_;
  std::vector<store::ImportRow<core::Person>> queue_;
  std::vector<std::string> moves_;
};

std::string Reason(const std::vector<core::FieldError>& errors) {
  std::string reason;
  for (const core::FieldError& error : errors) {
    reason += (reason.empty() ? "" : "；") + error.message;
  }
  return reason;
}

}  // namespace

std::optional<ImportKind> ParseImportKind(std::string_view name) {
  if (name == "households" || name == "household" || name == "户") {
    return ImportKind::kHouseholds;
  }
  if (name == "persons" || name == "person" || name == "members" || name == "人") {
    return ImportKind::kPersons;
  }
  return std::nullopt;
}

std::string ImportKindName(ImportKind kind) {
  return kind == ImportKind::kHouseholds ? "households" : "persons";
}

ImportSummary RunImport(store::Database& database, const ImportOptions& options) {
  ImportSummary summary;
  summary.file = options.file_name.empty() ? options.path : options.file_name;

  TableFormat format = TableFormat::kCsv;
  std::unique_ptr<TableReader> reader = OpenTable(options.path, &format);
  summary.format = reader->FormatName();

  const core::DictionarySet dictionaries = store::LoadDictionaries(database);
  const core::RegionIndex regions = store::RegionRepository(database).LoadIndex();
  const core::ValidationContext validation{dictionaries, options.today, &regions};
  std::unique_ptr<RecordKind> kind;
  if (options.kind == ImportKind::kHouseholds) {
    kind = std::make_unique<HouseholdKind>(database, validation);
  } else {
    std::vector<std::string> labour_codes;
    for (const core::DictionaryItem& item : dictionaries.Get(core::dict::kLabourSkill).items()) {
      if (item.HasFlag("labour")) {
        labour_codes.push_back(item.code);
      }
    }
    kind = std::make_unique<PersonKind>(database, validation, std::move(labour_codes));
  }

  // The header: the best row among the first ones. Rows after it are data.
  std::vector<SourceRow> head;
  SourceRow row;
  while (head.size() < kHeaderSearchRows && reader->Next(row)) {
    head.push_back(row);
  }
  if (head.empty()) {
    throw ReadError("文件中没有任何数据（空表）");
  }
  const auto mapping = FindHeader(head, kind->Fields());
  if (!mapping) {
    throw ReadError("找不到表头行：前 " + std::to_string(kHeaderSearchRows) +
                    " 行中没有一行包含“" + std::string(kind->Fields()[0].name) + "”“" +
                    std::string(kind->Fields()[1].name) + "”等列名。请确认文件是" +
                    (options.kind == ImportKind::kHouseholds ? "家庭（户）" : "家庭成员") +
                    "信息表，并带有表头");
  }
  if (!mapping->missing_required.empty()) {
    throw ReadError("缺少必填列：" + JoinList(mapping->missing_required, 20) + "（表头在第 " +
                    std::to_string(mapping->header_row) + " 行）");
  }
  if (!mapping->unknown_columns.empty()) {
    summary.warnings.push_back("未识别的列已忽略：" + JoinList(mapping->unknown_columns, 20));
  }
  if (!mapping->duplicate_columns.empty()) {
    summary.warnings.push_back("重复的列只读取第一列：" + JoinList(mapping->duplicate_columns, 20));
  }

  std::unique_ptr<RejectReport> report;
  if (!options.report_path.empty()) {
    report = std::make_unique<RejectReport>(options.report_path, format, DialectOf(*reader),
                                            mapping->header_cells);
  }

  store::ImportJobRepository jobs(database);
  summary.job = jobs.Start(ImportKindName(options.kind), summary.file, options.now);
  const store::WriteContext write_context{summary.job, options.now, options.scope};
  const bool single_transaction = options.strict || options.dry_run;
  database.TuneForBulkLoad();

  // Source rows of the queued records, kept until their batch is written so that a row
  // the store refuses can be reported as it was.
  std::vector<SourceRow> queued_rows;
  const std::size_t field_count = kind->Fields().size();

  const auto record_error = [&](std::int64_t row_number, const core::FieldError& error) {
    if (summary.errors.size() < kMaxListedErrors) {
      summary.errors.push_back(ImportError{row_number, error.column, error.code, error.message});
    } else {
      ++summary.errors_omitted;
    }
  };
  const auto reject = [&](const SourceRow& source, const std::vector<core::FieldError>& errors) {
    ++summary.rejected;
    for (const core::FieldError& error : errors) {
      record_error(source.number, error);
    }
    if (report) {
      report->Add(source, Reason(errors));
    }
  };
  const auto flush = [&]() {
    if (kind->Queued() == 0) {
      return;
    }
    std::unique_ptr<store::Transaction> transaction;
    if (!single_transaction) {
      transaction = std::make_unique<store::Transaction>(database);
    }
    const auto results = kind->Flush(write_context);
    for (std::size_t index = 0; index < results.size(); ++index) {
      switch (results[index].outcome) {
        case store::RowOutcome::kInserted:
          ++summary.imported;
          break;
        case store::RowOutcome::kUpdated:
          ++summary.updated;
          break;
        case store::RowOutcome::kUnchanged:
          ++summary.unchanged;
          break;
        case store::RowOutcome::kRejected:
          reject(queued_rows[index], {*results[index].error});
          break;
      }
    }
    if (transaction) {
      transaction->Commit();
    }
    queued_rows.clear();
    if (options.progress) {
      options.progress(reader->Progress(), summary.rows);
    }
  };

  std::unique_ptr<store::Transaction> whole;
  if (single_transaction) {
    whole = std::make_unique<store::Transaction>(database);
  }
  try {
    std::vector<core::FieldError> errors;
    const auto take = [&](const SourceRow& source) {
      if (source.number <= mapping->header_row) {
        return;  // the header itself and the title rows above it
      }
      ++summary.rows;
      errors.clear();
      kind->Accept(MapRow(source, *mapping, field_count), source.number, errors);
      if (!errors.empty()) {
        reject(source, errors);
        return;
      }
      queued_rows.push_back(source);
      if (kind->Queued() >= options.batch_size) {
        flush();
      }
    };
    for (const SourceRow& source : head) {
      take(source);
    }
    while (reader->Next(row)) {
      take(row);
    }
    flush();
  } catch (...) {
    whole.reset();
    jobs.Finish(summary.job, "failed", {}, "", options.now);
    throw;
  }

  for (std::string& warning : kind->Warnings()) {
    summary.warnings.push_back(std::move(warning));
  }
  if (whole) {
    if (options.dry_run) {
      summary.warnings.push_back("试运行：只做了校验，没有保存任何数据");
      whole.reset();
    } else if (summary.rejected > 0) {
      summary.warnings.push_back("严格模式：有 " + std::to_string(summary.rejected) +
                                 " 行被拒绝，没有保存任何数据");
      summary.imported = summary.updated = summary.unchanged = 0;
      whole.reset();
    } else {
      whole->Commit();
      summary.committed = true;
    }
  } else {
    summary.committed = true;
  }
  if (report) {
    report->Close();
  }
  const store::ImportCounts counts{summary.rows, summary.imported, summary.updated,
                                   summary.unchanged, summary.rejected};
  jobs.Finish(summary.job,
              options.dry_run ? "dry_run" : (summary.committed ? "completed" : "rolled_back"),
              counts, "", options.now);
  return summary;
}

}  // namespace shuanglian::ingest
