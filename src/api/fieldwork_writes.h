#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "api/context.h"
#include "core/field.h"
#include "store/fieldwork_records.h"
#include "store/import_rows.h"

namespace shuanglian::api {

// The columns (and JSON keys) of a kind of field record.
std::span<const core::FieldSpec> FieldSpecsOf(store::FieldKind kind);

struct FieldSave {
  store::RowResult result;
  std::string client_uuid;
  std::vector<core::FieldError> invalid;      // the body's own errors, before any write
  std::optional<boost::json::object> before;  // the record as it was, for the audit log
};

// Validates `body` as a record of `kind` (the same rules as a ledger row) and writes it for
// the signed-in user, in the caller's transaction. A body without a client_uuid gets a new
// one. `base_version`: see store::FieldWrite.
FieldSave SaveFieldRecord(Context& context, store::FieldKind kind, boost::json::object body,
                          std::optional<std::int64_t> base_version);

// The audit entry of a save that changed something: before and after.
void AuditFieldSave(Context& context, store::FieldKind kind, const FieldSave& saved,
                    const boost::json::object& after);

// The stored record of `kind` with this UUID as JSON, if the user may see it.
std::optional<boost::json::object> FieldRecordJson(Context& context, store::FieldKind kind,
                                                   const std::string& client_uuid);

// The write context of the signed-in user.
store::WriteContext WriteContextOf(Context& context);

}  // namespace shuanglian::api
