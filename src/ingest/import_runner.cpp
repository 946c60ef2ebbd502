#include "ingest/import_runner.h"

#include <pthread.h>

#include <exception>
#include <memory>
#include <thread>

#include "core/aid.h"
#include "core/field_records.h"
#include "core/household.h"
#include "core/pairing.h"
#include "core/person.h"
#include "core/problem.h"
#include "core/record_reader.h"
#include "ingest/bounded_queue.h"
#include "ingest/csv_reader.h"
#include "ingest/header_mapping.h"
#include "ingest/reject_report.h"
#include "ingest/table_open.h"
#include "store/fieldwork_store.h"
#include "store/first_load.h"
#include "store/household_store.h"
#include "store/import_job_repository.h"
#include "store/pairing_store.h"
#include "store/person_store.h"
#include "store/reference_data.h"
#include "store/region_repository.h"

namespace shuanglian::ingest {

namespace {

constexpr std::size_t kHeaderSearchRows = 30;
constexpr std::size_t kChunkRows = 5000;

// The table an import of this kind may load first (store::FirstLoad), or none.
const char* FirstLoadTable(ImportKind kind) {
  switch (kind) {
    case ImportKind::kHouseholds:
      return "households";
    case ImportKind::kPersons:
      return "persons";
    default:
      return nullptr;
  }
}

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

std::string Reason(const std::vector<core::FieldError>& errors) {
  std::string reason;
  for (const core::FieldError& error : errors) {
    reason += (reason.empty() ? "" : "；") + error.message;
  }
  return reason;
}

// Rows read and validated by the reading thread, waiting to be written. Every data row of
// the span is here, in file order, so errors and outcomes come out in file order.
template <typename Record>
struct Chunk {
  std::vector<SourceRow> rows;
  std::vector<std::vector<core::FieldError>> errors;  // per row; empty when valid
  std::vector<store::ImportRow<Record>> valid;
  double progress = 0;
  std::exception_ptr failure;  // the reader failed after the rows above
};

// Writes households and says what the batch of writes amounted to.
class HouseholdWriter {
 public:
  using Record = core::Household;
  static std::span<const core::FieldSpec> Fields() { return core::HouseholdFields(); }
  static core::Validated<Record> Validate(const core::RawRecord& raw,
                                          const core::ValidationContext& context) {
    return core::ValidateHousehold(raw, context);
  }

  HouseholdWriter(store::Database& database, const core::DictionarySet& dictionaries)
      : store_(database), categories_(dictionaries.Get(core::dict::kHouseholdCategory)) {}

  std::vector<store::RowResult> Write(std::span<const store::ImportRow<Record>> rows,
                                      const store::WriteContext& context) {
    auto results = store_.UpsertBatch(rows, context, created_groups_);
    for (std::size_t index = 0; index < rows.size(); ++index) {
      const core::Household& household = rows[index].record;
      const core::DictionaryItem* category = categories_.FindCode(household.category);
      if (results[index].outcome != store::RowOutcome::kRejected && category != nullptr &&
          category->HasFlag("poor") && household.main_cause.empty()) {
        ++poor_without_cause_;
      }
    }
    return results;
  }

  bool BeginFirstLoad() { return store_.BeginFirstLoad(); }
  void FinishFirstLoad() { store_.FinishFirstLoad(); }
  void RefreshStatistics() { store_.RefreshStatistics(); }
  void StatisticsRolledBack() { store_.StatisticsRolledBack(); }

  std::vector<std::string> Warnings() const {
    std::vector<std::string> warnings;
    if (!created_groups_.empty()) {
      warnings.push_back("新建村民小组 " + std::to_string(created_groups_.size()) + " 个：" +
                         JoinList(created_groups_));
    }
    if (poor_without_cause_ > 0) {
      warnings.push_back(std::to_string(poor_without_cause_) + " 户贫困户未填写主要致贫原因");
    }
    return warnings;
  }

 private:
  store::HouseholdStore store_;
  const core::Dictionary& categories_;
  std::vector<std::string> created_groups_;
  std::int64_t poor_without_cause_ = 0;
};

class PersonWriter {
 public:
  using Record = core::Person;
  static std::span<const core::FieldSpec> Fields() { return core::PersonFields(); }
  static core::Validated<Record> Validate(const core::RawRecord& raw,
                                          const core::ValidationContext& context) {
    return core::ValidatePerson(raw, context);
  }

  PersonWriter(store::Database& database, const core::DictionarySet& dictionaries)
      : store_(database, LabourCodes(dictionaries)) {}

  std::vector<store::RowResult> Write(std::span<const store::ImportRow<Record>> rows,
                                      const store::WriteContext& context) {
    auto results = store_.UpsertBatch(rows, context);
    for (const store::RowResult& result : results) {
      if (!result.warning.empty()) {
        moves_.push_back(result.warning);
      }
    }
    return results;
  }

  bool BeginFirstLoad() { return store_.BeginFirstLoad(); }
  void FinishFirstLoad() { store_.FinishFirstLoad(); }
  void RefreshStatistics() { store_.RefreshStatistics(); }
  void StatisticsRolledBack() { store_.StatisticsRolledBack(); }

  std::vector<std::string> Warnings() const {
    std::vector<std::string> warnings;
    if (!moves_.empty()) {
      warnings.push_back(std::to_string(moves_.size()) + " 人转入其他户：" + JoinList(moves_, 5));
    }
    return warnings;
  }

 private:
  static std::vector<std::string> LabourCodes(const core::DictionarySet& dictionaries) {
    std::vector<std::string> codes;
    for (const core::DictionaryItem& item : dictionaries.Get(core::dict::kLabourSkill).items()) {
      if (item.HasFlag("labour")) {
        codes.push_back(item.code);
      }
    }
    return codes;
  }

  store::PersonStore store_;
  std::vector<std::string> moves_;
};

// Units, helpers and pairings: few rows, each checked against what is stored, one by one.
template <typename Input>
class PairingDataWriter {
 public:
  using Record = Input;
  static std::span<const core::FieldSpec> Fields();
  static core::Validated<Record> Validate(const core::RawRecord& raw,
                                          const core::ValidationContext& context);

  PairingDataWriter(store::Database& database, const core::DictionarySet& dictionaries)
      : store_(database, dictionaries) {}

  std::vector<store::RowResult> Write(std::span<const store::ImportRow<Record>> rows,
                                      const store::WriteContext& context) {
    std::vector<store::RowResult> results;
    for (const auto& row : rows) {
      results.push_back(Apply(row.record, context));
    }
    return results;
  }

  std::vector<std::string> Warnings() const { return {}; }
  // Few rows, written one by one: no first load.
  bool BeginFirstLoad() { return false; }
  void FinishFirstLoad() {}
  void RefreshStatistics() {}
  void StatisticsRolledBack() {}

 private:
  store::RowResult Apply(const Record& record, const store::WriteContext& context);
  store::PairingStore store_;
};

template <>
std::span<const core::FieldSpec> PairingDataWriter<core::Unit>::Fields() {
  return core::UnitFields();
}
template <>
core::Validated<core::Unit> PairingDataWriter<core::Unit>::Validate(
    const core::RawRecord& raw, const core::ValidationContext& context) {
  return core::ValidateUnit(raw, context);
}
template <>
store::RowResult PairingDataWriter<core::Unit>::Apply(const core::Unit& unit,
                                                      const store::WriteContext& context) {
  return store_.UpsertUnit(unit, context);
}
template <>
std::span<const core::FieldSpec> PairingDataWriter<core::Helper>::Fields() {
  return core::HelperFields();
}
template <>
core::Validated<core::Helper> PairingDataWriter<core::Helper>::Validate(
    const core::RawRecord& raw, const core::ValidationContext& context) {
  return core::ValidateHelper(raw, context);
}
template <>
store::RowResult PairingDataWriter<core::Helper>::Apply(const core::Helper& helper,
                                                        const store::WriteContext& context) {
  return store_.UpsertHelper(helper, context);
}
template <>
std::span<const core::FieldSpec> PairingDataWriter<core::PairingInput>::Fields() {
  return core::PairingFields();
}
template <>
core::Validated<core::PairingInput> PairingDataWriter<core::PairingInput>::Validate(
    const core::RawRecord& raw, const core::ValidationContext& context) {
  return core::ValidatePairing(raw, context);
}
template <>
store::RowResult PairingDataWriter<core::PairingInput>::Apply(const core::PairingInput& pairing,
                                                              const store::WriteContext& context) {
  return store_.ApplyPairing(pairing, context);
}

// Field ledgers: each row a record with its client UUID (or one derived from the row), so
// a ledger imported twice is stored once; the ledger's copy wins over the stored one.
template <typename Input>
class FieldRecordWriter {
 public:
  using Record = Input;
  static std::span<const core::FieldSpec> Fields();
  static core::Validated<Record> Validate(const core::RawRecord& raw,
                                          const core::ValidationContext& context);

  FieldRecordWriter(store::Database& database, const core::DictionarySet& dictionaries)
      : store_(database, dictionaries) {}

  std::vector<store::RowResult> Write(std::span<const store::ImportRow<Record>> rows,
                                      const store::WriteContext& context) {
    const std::optional<std::int64_t> acting =
        context.scope.kind == store::DataScope::Kind::kHelper
            ? std::optional<std::int64_t>(context.scope.helper_id)
            : std::nullopt;
    const store::FieldWrite write{context, acting, std::nullopt};
    std::vector<store::RowResult> results;
    for (const auto& row : rows) {
      results.push_back(Apply(row.record, write));
    }
    return results;
  }

  std::vector<std::string> Warnings() const { return {}; }
  // Few rows, written one by one: no first load.
  bool BeginFirstLoad() { return false; }
  void FinishFirstLoad() {}
  void RefreshStatistics() {}
  void StatisticsRolledBack() {}

 private:
  store::RowResult Apply(const Record& record, const store::FieldWrite& write);
  store::FieldworkStore store_;
};

#define SHUANGLIAN_FIELD_WRITER(Type, FieldsFunction, ValidateFunction, SaveMethod) \
  template <>                                                                       \
  std::span<const core::FieldSpec> FieldRecordWriter<Type>::Fields() {              \
    return FieldsFunction();                                                        \
  }                                                                                 \
  template <>                                                                       \
  core::Validated<Type> FieldRecordWriter<Type>::Validate(                          \
      const core::RawRecord& raw, const core::ValidationContext& context) {         \
    return ValidateFunction(raw, context);                                          \
  }                                                                                 \
  template <>                                                                       \
  store::RowResult FieldRecordWriter<Type>::Apply(const Type& record,               \
                                                  const store::FieldWrite& write) { \
    return store_.SaveMethod(record, write);                                        \
  }

SHUANGLIAN_FIELD_WRITER(core::StationedDay, core::StationedDayFields, core::ValidateStationedDay,
                        SaveStationedDay)
SHUANGLIAN_FIELD_WRITER(core::Visit, core::VisitFields, core::ValidateVisit, SaveVisit)
SHUANGLIAN_FIELD_WRITER(core::DiaryEntry, core::DiaryFields, core::ValidateDiaryEntry,
                        SaveDiaryEntry)
SHUANGLIAN_FIELD_WRITER(core::Problem, core::ProblemFields, core::ValidateProblem, SaveProblem)
SHUANGLIAN_FIELD_WRITER(core::Suggestion, core::SuggestionFields, core::ValidateSuggestion,
                        SaveSuggestion)
SHUANGLIAN_FIELD_WRITER(core::Aid, core::AidFields, core::ValidateAid, SaveAid)
#undef SHUANGLIAN_FIELD_WRITER

// Everything an import needs once its file is open and its header found.
struct ImportSetup {
  store::Database& database;
  const ImportOptions& options;
  TableReader& reader;
  TableFormat format;
  const ColumnMapping& mapping;
  std::vector<SourceRow> head;  // rows read while looking for the header
  const core::DictionarySet& dictionaries;
  const core::ValidationContext& validation;
  bool first_load_expected;  // the import's table is empty and it is not asked to commit in batches
};

// Reading and validating run on their own thread while this one writes to the database:
// the two halves of an import take about the same time, and a laptop has two cores.
template <typename Writer>
void RunPipeline(ImportSetup& setup, ImportSummary& summary) {
  using Record = typename Writer::Record;
  const ImportOptions& options = setup.options;
  store::Database& database = setup.database;
  Writer writer(database, setup.dictionaries);

  std::unique_ptr<RejectReport> report;
  if (!options.report_path.empty()) {
    report = std::make_unique<RejectReport>(options.report_path, setup.format,
                                            DialectOf(setup.reader), setup.mapping.header_cells);
  }
  store::ImportJobRepository jobs(database);
  // The job's mark lives until its end is written (store/job_marks.h).
  store::ImportJobRepository::Started started =
      jobs.Start(ImportKindName(options.kind), summary.file, options.now, options.actor);
  summary.job = started.id;
  if (options.on_started) {
    options.on_started(summary.job);
  }
  const store::WriteContext context{summary.job, options.now, options.scope, options.actor};
  database.TuneForBulkLoad();
  // Into an empty table the import is a first load (store::FirstLoad): one transaction, the
  // unique indexes built at the end. Unless the user asked for commits every --batch-size rows.
  // Declared before `whole`: the transaction ends before the settings are put back.
  std::unique_ptr<store::ScopedSetting> first_load_settings;
  std::unique_ptr<store::Transaction> whole;
  bool first_load = false;

  // Chunks are the unit of hand-over between the threads; batches, of one or more chunks,
  // the unit of commit. Big batches write each hot index page once per many rows.
  const std::size_t chunk_size = std::min<std::size_t>(options.batch_size, kChunkRows);
  BoundedQueue<Chunk<Record>> queue(2);
  // Chunks the writer is done with go back to the reader, which frees their rows: memory is
  // freed by the thread that allocated it, without both threads taking the allocator's lock
  // for every cell, and the chunk's vectors keep their room for the next rows.
  BoundedQueue<Chunk<Record>> spent(2);
  const std::size_t field_count = Writer::Fields().size();
  std::thread producer([&] {
    pthread_setname_np(pthread_self(), "reader");
    Chunk<Record> chunk;
    const auto ship = [&] {
      chunk.progress = setup.reader.Progress();
      const bool accepted = queue.Push(std::move(chunk));
      chunk = spent.TryPop().value_or(Chunk<Record>());
      chunk.rows.clear();
      chunk.errors.clear();
      chunk.valid.clear();
      return accepted;
    };
    try {
      core::RawRecord raw;  // reused from row to row: its strings keep their capacity
      const auto take = [&](SourceRow& source) {
        if (source.number <= setup.mapping.header_row) {
          return true;  // the header and the title rows above it
        }
        MapRow(source, setup.mapping, field_count, raw);
        auto validated = Writer::Validate(raw, setup.validation);
        if (validated.ok()) {
          chunk.valid.push_back({source.number, std::move(validated.value)});
        }
        chunk.errors.push_back(std::move(validated.errors));
        chunk.rows.push_back(std::move(source));
        // A chunk of mostly bad rows is shipped too, so memory stays bounded.
        if (chunk.valid.size() >= chunk_size || chunk.rows.size() >= 4 * chunk_size) {
          return ship();
        }
        return true;
      };
      bool going = true;
      for (SourceRow& source : setup.head) {
        going = going && take(source);
      }
      SourceRow row;
      while (going && setup.reader.Next(row)) {
        going = take(row);
      }
    } catch (...) {
      chunk.failure = std::current_exception();
    }
    ship();
    queue.Close();
  });

  const auto reject = [&](const SourceRow& source, const std::vector<core::FieldError>& errors) {
    ++summary.rejected;
    for (const core::FieldError& error : errors) {
      if (summary.errors.size() < kMaxListedErrors) {
        summary.errors.push_back(
            ImportError{source.number, error.column, error.code, error.message});
      } else {
        ++summary.errors_omitted;
      }
    }
    if (report) {
      report->Add(source, Reason(errors));
    }
  };
  // The planner's statistics, asked for outside any transaction (after a batch commits, or
  // after the import's one transaction is rolled back), are worth keeping but not worth
  // failing for: what is committed stays committed, and the import's outcome is not a
  // statistic's. A failure (a lost connection, a statement timeout) is said once in the
  // summary; inside a transaction a failed ANALYZE fails the transaction like any statement.
  bool statistics_failed = false;
  const auto outside_transaction = [&](const auto& step) {
    try {
      step();
    } catch (const store::StoreError& error) {
      if (!statistics_failed) {
        summary.warnings.push_back(std::string("数据库的统计信息未能更新（不影响导入的数据）：") +
                                   error.what());
      }
      statistics_failed = true;
    }
  };
  const auto refresh_statistics = [&] { writer.RefreshStatistics(); };
  const auto statistics_rolled_back = [&] { writer.StatisticsRolledBack(); };
  bool stopped = false;
  const auto counts_so_far = [&] {
    return store::ImportCounts{summary.rows, summary.imported, summary.updated, summary.unchanged,
                               summary.rejected};
  };
  // The counts of the rows whose batches are committed: what a job that ends early kept.
  store::ImportCounts committed;
  // What every failure does before it is thrown on: the open transaction rolled back, the
  // settings put back, the job's end written.
  const auto give_up = [&](const char* status) {
    if (whole) {
      whole.reset();
      outside_transaction(statistics_rolled_back);
    }
    first_load_settings.reset();
    jobs.Finish(summary.job, status, committed, "", options.now);
  };
  try {
    if (setup.first_load_expected) {
      first_load_settings = database.PrepareFirstLoad();
      whole = std::make_unique<store::Transaction>(database);
      first_load = writer.BeginFirstLoad();
      if (!first_load) {
        whole.reset();
        first_load_settings.reset();
      }
    }
    if ((options.strict || options.dry_run) && !whole) {
      whole = std::make_unique<store::Transaction>(database);
    }
    std::unique_ptr<store::Transaction> batch;
    std::size_t in_batch = 0;
    while (auto chunk = queue.Pop()) {
      if (options.stop != nullptr && options.stop->load()) {
        stopped = true;
        throw ImportStopped(
            whole
                ? "服务器停止，导入已中断，没有保存任何数据：请重新导入"
                : "服务器停止，导入已中断：已提交的批次保留，其余没有保存。重新导入同一文件即可补齐"
                  "（已保存的行会被认出，不会重复）");
      }
      std::vector<store::RowResult> results;
      if (!chunk->valid.empty()) {
        if (!whole && !batch) {
          batch = std::make_unique<store::Transaction>(database);
        }
        results = writer.Write(chunk->valid, context);
        in_batch += chunk->valid.size();
      }
      if (batch && in_batch >= options.batch_size) {
        batch->Commit();
        batch.reset();
        in_batch = 0;
        outside_transaction(refresh_statistics);
      } else if (whole && !chunk->valid.empty()) {
        writer.RefreshStatistics();
      }
      std::size_t next_valid = 0;
      for (std::size_t index = 0; index < chunk->rows.size(); ++index) {
        ++summary.rows;
        if (!chunk->errors[index].empty()) {
          reject(chunk->rows[index], chunk->errors[index]);
          continue;
        }
        const store::RowResult& result = results[next_valid++];
        switch (result.outcome) {
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
            reject(chunk->rows[index], {*result.error});
            break;
        }
      }
      if (!whole && !batch) {  // every row counted so far is committed
        committed = counts_so_far();
      }
      if (options.progress) {
        options.progress(chunk->progress, summary.rows);
      }
      if (chunk->failure) {
        std::rethrow_exception(chunk->failure);
      }
      spent.TryPush(*chunk);
    }
    if (batch) {
      batch->Commit();
      outside_transaction(refresh_statistics);
    }
  } catch (...) {
    queue.Close();
    producer.join();
    give_up(stopped ? "interrupted" : "failed");
    throw;
  }
  producer.join();

  for (std::string& warning : writer.Warnings()) {
    summary.warnings.push_back(std::move(warning));
  }
  try {
    if (whole) {
      if (options.dry_run) {
        summary.warnings.push_back("试运行：只做了校验，没有保存任何数据");
        whole.reset();
        outside_transaction(statistics_rolled_back);
      } else if (options.strict && summary.rejected > 0) {
        summary.warnings.push_back("严格模式：有 " + std::to_string(summary.rejected) +
                                   " 行被拒绝，没有保存任何数据");
        summary.imported = summary.updated = summary.unchanged = 0;
        whole.reset();
        outside_transaction(statistics_rolled_back);
      } else {
        if (first_load) {
          writer.FinishFirstLoad();
        }
        whole->Commit();
        whole.reset();
        summary.committed = true;
      }
      first_load_settings.reset();
    } else {
      summary.committed = true;
    }
    if (report) {
      report->Close();
    }
  } catch (...) {
    if (summary.committed) {  // the error report failed, after everything was stored
      committed = counts_so_far();
    }
    give_up("failed");
    throw;
  }
  jobs.Finish(summary.job,
              options.dry_run ? "dry_run" : (summary.committed ? "completed" : "rolled_back"),
              counts_so_far(), "", options.now);
}

}  // namespace

std::string ImportKindTitle(ImportKind kind) {
  switch (kind) {
    case ImportKind::kHouseholds:
      return "家庭（户）信息表";
    case ImportKind::kPersons:
      return "家庭成员信息表";
    case ImportKind::kUnits:
      return "帮扶单位表";
    case ImportKind::kHelpers:
      return "帮扶力量（干部、领导、致富带头人）表";
    case ImportKind::kPairings:
      return "结对关系表";
    case ImportKind::kStationedDays:
      return "驻村记录表";
    case ImportKind::kVisits:
      return "走访记录表";
    case ImportKind::kDiary:
      return "民情日记表";
    case ImportKind::kProblems:
      return "难题台账";
    case ImportKind::kSuggestions:
      return "建设性意见表";
    case ImportKind::kAid:
      return "帮扶物资台账";
  }
  return "";
}

std::optional<ImportKind> ParseImportKind(std::string_view name) {
  if (name == "households" || name == "household" || name == "户") {
    return ImportKind::kHouseholds;
  }
  if (name == "persons" || name == "person" || name == "members" || name == "人") {
    return ImportKind::kPersons;
  }
  if (name == "units" || name == "unit") {
    return ImportKind::kUnits;
  }
  if (name == "helpers" || name == "helper" || name == "cadres") {
    return ImportKind::kHelpers;
  }
  if (name == "pairings" || name == "pairing") {
    return ImportKind::kPairings;
  }
  if (name == "stationed-days" || name == "stationed_days" || name == "驻村") {
    return ImportKind::kStationedDays;
  }
  if (name == "visits" || name == "visit" || name == "走访") {
    return ImportKind::kVisits;
  }
  if (name == "diary" || name == "日记") {
    return ImportKind::kDiary;
  }
  if (name == "problems" || name == "problem" || name == "难题") {
    return ImportKind::kProblems;
  }
  if (name == "suggestions" || name == "suggestion" || name == "意见") {
    return ImportKind::kSuggestions;
  }
  if (name == "aid" || name == "物资") {
    return ImportKind::kAid;
  }
  return std::nullopt;
}

std::string ImportKindName(ImportKind kind) {
  switch (kind) {
    case ImportKind::kHouseholds:
      return "households";
    case ImportKind::kPersons:
      return "persons";
    case ImportKind::kUnits:
      return "units";
    case ImportKind::kHelpers:
      return "helpers";
    case ImportKind::kPairings:
      return "pairings";
    case ImportKind::kStationedDays:
      return "stationed-days";
    case ImportKind::kVisits:
      return "visits";
    case ImportKind::kDiary:
      return "diary";
    case ImportKind::kProblems:
      return "problems";
    case ImportKind::kSuggestions:
      return "suggestions";
    case ImportKind::kAid:
      return "aid";
  }
  return "households";
}

std::span<const core::FieldSpec> ImportFields(ImportKind kind) {
  switch (kind) {
    case ImportKind::kHouseholds:
      return core::HouseholdFields();
    case ImportKind::kPersons:
      return core::PersonFields();
    case ImportKind::kUnits:
      return core::UnitFields();
    case ImportKind::kHelpers:
      return core::HelperFields();
    case ImportKind::kPairings:
      return core::PairingFields();
    case ImportKind::kStationedDays:
      return core::StationedDayFields();
    case ImportKind::kVisits:
      return core::VisitFields();
    case ImportKind::kDiary:
      return core::DiaryFields();
    case ImportKind::kProblems:
      return core::ProblemFields();
    case ImportKind::kSuggestions:
      return core::SuggestionFields();
    case ImportKind::kAid:
      return core::AidFields();
  }
  return core::HouseholdFields();
}

ImportSummary RunImport(store::Database& database, const ImportOptions& options) {
  ImportSummary summary;
  summary.file = options.file_name.empty() ? options.path : options.file_name;

  // A first load, --strict and --dry-run are one transaction: a file refused midway for its
  // encoding stores nothing, so its encoding is decided from its start and checked as it is
  // read. An import that commits batch by batch checks the whole file before its first row.
  const char* table = FirstLoadTable(options.kind);
  const bool first_load_expected = table != nullptr && !options.dry_run &&
                                   !options.commit_each_batch &&
                                   store::FirstLoad::Applies(database, table);
  const EncodingCheck check = first_load_expected || options.dry_run || options.strict
                                  ? EncodingCheck::kFirstText
                                  : EncodingCheck::kWholeFile;
  TableFormat format = TableFormat::kCsv;
  std::unique_ptr<TableReader> reader = OpenTable(options.path, &format, check);
  summary.format = reader->FormatName();

  const core::DictionarySet dictionaries = store::LoadDictionaries(database);
  const core::RegionIndex regions = store::RegionRepository(database).LoadIndex();
  const core::ValidationContext validation{dictionaries, options.today, &regions};
  const auto fields = ImportFields(options.kind);

  // The header: the best row among the first ones. Rows after it are data.
  std::vector<SourceRow> head;
  SourceRow row;
  while (head.size() < kHeaderSearchRows && reader->Next(row)) {
    head.push_back(row);
  }
  if (head.empty()) {
    throw ReadError("文件中没有任何数据（空表）");
  }
  const auto mapping = FindHeader(head, fields);
  if (!mapping) {
    throw ReadError("找不到表头行：前 " + std::to_string(kHeaderSearchRows) + " 行中没有一行包含“" +
                    std::string(fields[0].name) + "”“" + std::string(fields[1].name) +
                    "”等列名。请确认文件是" + ImportKindTitle(options.kind) + "，并带有表头");
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

  ImportSetup setup{database,     options,    *reader,
                    format,       *mapping,   std::move(head),
                    dictionaries, validation, first_load_expected};
  switch (options.kind) {
    case ImportKind::kHouseholds:
      RunPipeline<HouseholdWriter>(setup, summary);
      break;
    case ImportKind::kPersons:
      RunPipeline<PersonWriter>(setup, summary);
      break;
    case ImportKind::kUnits:
      RunPipeline<PairingDataWriter<core::Unit>>(setup, summary);
      break;
    case ImportKind::kHelpers:
      RunPipeline<PairingDataWriter<core::Helper>>(setup, summary);
      break;
    case ImportKind::kPairings:
      RunPipeline<PairingDataWriter<core::PairingInput>>(setup, summary);
      break;
    case ImportKind::kStationedDays:
      RunPipeline<FieldRecordWriter<core::StationedDay>>(setup, summary);
      break;
    case ImportKind::kVisits:
      RunPipeline<FieldRecordWriter<core::Visit>>(setup, summary);
      break;
    case ImportKind::kDiary:
      RunPipeline<FieldRecordWriter<core::DiaryEntry>>(setup, summary);
      break;
    case ImportKind::kProblems:
      RunPipeline<FieldRecordWriter<core::Problem>>(setup, summary);
      break;
    case ImportKind::kSuggestions:
      RunPipeline<FieldRecordWriter<core::Suggestion>>(setup, summary);
      break;
    case ImportKind::kAid:
      RunPipeline<FieldRecordWriter<core::Aid>>(setup, summary);
      break;
  }
  return summary;
}

}  // namespace shuanglian::ingest
