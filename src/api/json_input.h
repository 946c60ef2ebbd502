#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <span>
#include <string>

#include "api/request.h"
#include "core/field.h"

namespace shuanglian::api {

// The request body as a JSON object: 415 when it is not JSON, 400 when it is malformed,
// nested deeper than 32 levels, or not an object.
boost::json::object ParseJsonObject(const Request& request);

// 400 nul_character naming the (top-level) field when any text in `value` holds a NUL.
void RejectNul(const boost::json::value& value, std::string_view field = {});

// A text field: 400 naming the field when it is present but not text (or a number when
// numbers are allowed). Missing or null gives nothing.
std::optional<std::string> TextField(const boost::json::object& body, std::string_view key,
                                     bool numbers_allowed = false);
std::string RequiredText(const boost::json::object& body, std::string_view key);
std::optional<bool> BoolField(const boost::json::object& body, std::string_view key);
std::optional<std::int64_t> IntField(const boost::json::object& body, std::string_view key);

// A record's fields from JSON keys (the FieldSpec keys), as an import row would give them:
// numbers become text, booleans 是/否, arrays "、"-joined. Wrong types (objects, nested
// arrays) are collected as validation details naming the field.
core::RawRecord RecordFromJson(const boost::json::object& body,
                               std::span<const core::FieldSpec> fields,
                               std::vector<core::FieldError>& type_errors);

// 400 validation_failed with one detail per bad field: {"field","column","code","message"}.
[[noreturn]] void ThrowValidation(const std::vector<core::FieldError>& errors,
                                  std::span<const core::FieldSpec> fields);

// A refusal of the store, as the API says it: out of scope 403, not found 404, a broken rule
// or a taken key 409 with the rule's name as the code, anything else 400 naming the field.
[[noreturn]] void ThrowRowError(const core::FieldError& error,
                                std::span<const core::FieldSpec> fields);

}  // namespace shuanglian::api
