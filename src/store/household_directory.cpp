#include "store/household_directory.h"

#include <limits>

namespace shuanglian::store {

HouseholdDirectory HouseholdDirectory::Load(Database& database) {
  HouseholdDirectory directory;
  if (database.backend() == Backend::kPostgres) {
    // What is read here must stay true until the caller's transaction ends: no household
    // is added, changed or removed meanwhile. (A first load of members holds the households
    // locked already, more strictly: dropping the members' foreign key removed its triggers
    // on households. This says what the directory itself needs. On SQLite the caller's
    // transaction has written already and holds the only write lock.)
    database.ExecuteScript("LOCK TABLE households IN SHARE MODE");
  }
  database.ForEachRow(
      "SELECT id, household_no, village_code, head_id_number, coalesce(declared_members, 0) "
      "FROM households ORDER BY id",
      {}, [&](const RowView& row) {
        const std::string number = row.Text(1);
        const std::string head = row.Text(3);
        if (directory.text_.size() + number.size() + head.size() >
                std::numeric_limits<std::uint32_t>::max() ||
            number.size() > std::numeric_limits<std::uint16_t>::max() ||
            head.size() > std::numeric_limits<std::uint16_t>::max()) {
          throw StoreError(StoreError::Kind::kOther, "家庭户数超出首次导入的内存目录容量");
        }
        Entry entry;
        entry.id = row.Int(0);
        entry.village_code = row.Int(2);
        entry.text = static_cast<std::uint32_t>(directory.text_.size());
        entry.number_length = static_cast<std::uint16_t>(number.size());
        entry.head_length = static_cast<std::uint16_t>(head.size());
        directory.text_ += number;
        directory.text_ += head;
        directory.numbers_.Add(number, static_cast<std::int64_t>(directory.entries_.size()));
        directory.entries_.push_back(entry);
        directory.declared_members_ += row.Int(4);
      });
  return directory;
}

std::optional<HouseholdDirectory::Household> HouseholdDirectory::Find(
    std::string_view household_no) const {
  for (const std::int64_t position : numbers_.Candidates(household_no)) {
    if (Number(entries_[static_cast<std::size_t>(position)]) == household_no) {
      return At(static_cast<std::size_t>(position));
    }
  }
  return std::nullopt;
}

HouseholdDirectory::Household HouseholdDirectory::At(std::size_t position) const {
  const Entry& entry = entries_[position];
  return Household{
      position, entry.id, entry.village_code,
      std::string_view(text_).substr(entry.text + entry.number_length, entry.head_length)};
}

}  // namespace shuanglian::store
