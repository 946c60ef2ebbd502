#include "api/json_input.h"

#include <boost/json.hpp>
#include <set>

#include "api/json_text.h"

namespace shuanglian::api {

namespace {

constexpr std::size_t kMaxDepth = 32;

std::string NumberText(const boost::json::value& value) {
  if (value.is_int64()) {
    return std::to_string(value.get_int64());
  }
  if (value.is_uint64()) {
    return std::to_string(value.get_uint64());
  }
  return ToJsonText(value);  // a double in its plain shortest form
}

}  // namespace

boost::json::object ParseJsonObject(const Request& request) {
  const std::string type = request.Header("content-type");
  if (!request.body.empty() && type.find("application/json") == std::string::npos) {
    throw ApiError(415, "unsupported_media_type",
                   "请求体应为 JSON（Content-Type: application/json）");
  }
  if (request.body.empty()) {
    return {};
  }
  boost::json::parse_options options;
  options.max_depth = kMaxDepth;
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(request.body, error, {}, options);
  if (error) {
    const bool too_deep = error == boost::json::error::too_deep;
    throw ApiError(400, too_deep ? "json_too_deep" : "malformed_json",
                   too_deep ? "JSON 嵌套过深（最多32层）" : "请求体不是有效的 JSON");
  }
  if (!value.is_object()) {
    throw ApiError(400, "malformed_json", "请求体应为 JSON 对象");
  }
  RejectNul(value);
  return std::move(value.as_object());
}

void RejectNul(const boost::json::value& value, std::string_view field) {
  // PostgreSQL text cannot hold a NUL, and SQLite would keep what PostgreSQL cuts: refused
  // for both, before anything is written, naming the field that holds it.
  const auto refuse = [&](std::string_view where) {
    const std::string message =
        "字段 " + std::string(where) + " 含有空字符（\\u0000），请删去后再提交";
    throw ApiError(400, "nul_character", message,
                   boost::json::array{boost::json::object{
                       {"field", where}, {"code", "nul_character"}, {"message", message}}});
  };
  if (value.is_string()) {
    if (value.get_string().find('\0') != boost::json::string::npos) {
      refuse(field);
    }
  } else if (value.is_array()) {
    for (const boost::json::value& element : value.get_array()) {
      RejectNul(element, field);
    }
  } else if (value.is_object()) {
    for (const auto& member : value.get_object()) {
      // Nested values are named by their top-level field: that is what a form shows.
      const std::string_view name = field.empty() ? std::string_view(member.key()) : field;
      if (member.key().find('\0') != boost::json::string_view::npos) {
        refuse(name);
      }
      RejectNul(member.value(), name);
    }
  }
}

std::optional<std::string> TextField(const boost::json::object& body, std::string_view key,
                                     bool numbers_allowed) {
  const auto found = body.find(key);
  if (found == body.end() || found->value().is_null()) {
    return std::nullopt;
  }
  const boost::json::value& value = found->value();
  if (value.is_string()) {
    return std::string(value.get_string());
  }
  if (numbers_allowed && value.is_number()) {
    return NumberText(value);
  }
  throw ApiError(400, "wrong_type", "字段 " + std::string(key) + " 应为文本",
                 boost::json::array{
                     boost::json::object{{"field", key},
                                         {"code", "wrong_type"},
                                         {"message", "字段 " + std::string(key) + " 应为文本"}}});
}

std::string RequiredText(const boost::json::object& body, std::string_view key) {
  auto text = TextField(body, key);
  if (!text || text->empty()) {
    throw ApiError(400, "required", "字段 " + std::string(key) + " 不能为空",
                   boost::json::array{
                       boost::json::object{{"field", key},
                                           {"code", "required"},
                                           {"message", "字段 " + std::string(key) + " 不能为空"}}});
  }
  return *text;
}

std::optional<bool> BoolField(const boost::json::object& body, std::string_view key) {
  const auto found = body.find(key);
  if (found == body.end() || found->value().is_null()) {
    return std::nullopt;
  }
  if (!found->value().is_bool()) {
    throw ApiError(400, "wrong_type", "字段 " + std::string(key) + " 应为 true 或 false",
                   boost::json::array{boost::json::object{
                       {"field", key},
                       {"code", "wrong_type"},
                       {"message", "字段 " + std::string(key) + " 应为 true 或 false"}}});
  }
  return found->value().get_bool();
}

std::optional<std::int64_t> IntField(const boost::json::object& body, std::string_view key) {
  const auto found = body.find(key);
  if (found == body.end() || found->value().is_null()) {
    return std::nullopt;
  }
  if (!found->value().is_int64()) {
    throw ApiError(400, "wrong_type", "字段 " + std::string(key) + " 应为整数",
                   boost::json::array{
                       boost::json::object{{"field", key},
                                           {"code", "wrong_type"},
                                           {"message", "字段 " + std::string(key) + " 应为整数"}}});
  }
  return found->value().get_int64();
}

core::RawRecord RecordFromJson(const boost::json::object& body,
                               std::span<const core::FieldSpec> fields,
                               std::vector<core::FieldError>& type_errors) {
  core::RawRecord record(fields.size());
  for (const core::FieldSpec& field : fields) {
    const auto found = body.find(field.key);
    if (found == body.end() || found->value().is_null()) {
      continue;
    }
    const boost::json::value& value = found->value();
    std::string& text = record[static_cast<std::size_t>(field.index)].text;
    if (value.is_string()) {
      text = std::string(value.get_string());
    } else if (value.is_number()) {
      text = NumberText(value);
    } else if (value.is_bool()) {
      text = value.get_bool() ? "是" : "否";
    } else if (value.is_array()) {
      for (const boost::json::value& element : value.get_array()) {
        if (!element.is_string()) {
          type_errors.push_back(
              {std::string(field.name), "wrong_type", std::string(field.name) + "应为文本列表"});
          break;
        }
        text += (text.empty() ? "" : "、") + std::string(element.get_string());
      }
    } else {
      type_errors.push_back(
          {std::string(field.name), "wrong_type", std::string(field.name) + "的类型不对"});
    }
  }
  return record;
}

void ThrowValidation(const std::vector<core::FieldError>& errors,
                     std::span<const core::FieldSpec> fields) {
  boost::json::array details;
  for (const core::FieldError& error : errors) {
    std::string key;
    for (const core::FieldSpec& field : fields) {
      if (field.name == error.column) {
        key = std::string(field.key);
      }
    }
    details.push_back(boost::json::object{{"field", key},
                                          {"column", error.column},
                                          {"code", error.code},
                                          {"message", error.message}});
  }
  throw ApiError(400, "validation_failed", errors.empty() ? "输入有误" : errors.front().message,
                 std::move(details));
}

void ThrowRowError(const core::FieldError& error, std::span<const core::FieldSpec> fields) {
  // The rules of the 四个一 and the keys that must stay unique: a conflict with what is
  // stored, not a malformed field.
  static const std::set<std::string, std::less<>> kConflicts = {"max_households_per_cadre",
                                                                "household_coverage",
                                                                "village_needs_leader",
                                                                "village_needs_unit",
                                                                "group_needs_cadre",
                                                                "phone_taken",
                                                                "duplicate",
                                                                "cycle"};
  if (error.code == "out_of_scope") {
    throw ApiError(403, "out_of_scope", error.message);
  }
  if (error.code == "not_found") {
    throw ApiError(404, "not_found", error.message);
  }
  if (kConflicts.contains(error.code)) {
    std::string key;
    for (const core::FieldSpec& field : fields) {
      if (field.name == error.column) {
        key = std::string(field.key);
      }
    }
    throw ApiError(409, error.code, error.message,
                   boost::json::array{boost::json::object{{"field", key},
                                                          {"column", error.column},
                                                          {"code", error.code},
                                                          {"message", error.message}}});
  }
  ThrowValidation({error}, fields);
}

}  // namespace shuanglian::api
