#pragma once

#include <optional>
#include <string>

#include "core/dictionary.h"
#include "core/pairing.h"
#include "store/database.h"
#include "store/import_rows.h"

namespace shuanglian::store {

// Writes units, helpers and pairings with the rules of the 四个一, for imports, forms and
// the demo alike. Each call runs in the caller's transaction and answers like an import row:
// inserted, updated, unchanged, or rejected with the field and the rule.
class PairingStore {
 public:
  PairingStore(Database& database, const core::DictionarySet& dictionaries)
      : database_(database), dictionaries_(dictionaries) {}

  // Upsert by name; the parent unit must exist.
  RowResult UpsertUnit(const core::Unit& unit, const WriteContext& context,
                       std::int64_t* id = nullptr);
  // A form's edit of unit `id`: the same checks, and a name no other unit has.
  RowResult UpdateUnit(std::int64_t id, const core::Unit& unit, const WriteContext& context);
  // Upsert by phone: a phone already used by someone of another name is refused.
  RowResult UpsertHelper(const core::Helper& helper, const WriteContext& context,
                         std::int64_t* id = nullptr);
  // A form's edit of helper `id`: the same checks, and a phone no other helper has.
  RowResult UpdateHelper(std::int64_t id, const core::Helper& helper, const WriteContext& context);
  // Opens a pairing. One that exists already (same subject, same target, active) is
  // unchanged; a household's or group's helper of the same kind is replaced: the old
  // pairing ends today and the new one starts, so the history stays. A cadre's quota of
  // households is refused with the rule's name when it would be exceeded.
  RowResult ApplyPairing(const core::PairingInput& input, const WriteContext& context,
                         std::int64_t* id = nullptr);
  // Ends a pairing, unless that would break a coverage rule of its region (the rule's name
  // is the error code): a required household or a village left without its helper.
  RowResult EndPairing(std::int64_t pairing_id, const WriteContext& context,
                       const std::string& end_date);

 private:
  // What a unit or a helper refers to must exist, and the user must keep such records; fills
  // the ids of the references.
  std::optional<RowResult> CheckUnit(const core::Unit& unit, const WriteContext& context,
                                     std::optional<std::int64_t>* parent_id);
  std::optional<RowResult> CheckHelper(const core::Helper& helper, const WriteContext& context,
                                       std::optional<std::int64_t>* unit_id);

  Database& database_;
  const core::DictionarySet& dictionaries_;
};

}  // namespace shuanglian::store
