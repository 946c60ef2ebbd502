#include "core/access.h"

#include "core/text.h"

namespace shuanglian::core {

namespace {

std::vector<std::string_view> Segments(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto colon = text.find(':', start);
    parts.push_back(text.substr(
        start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) {
      return parts;
    }
    start = colon + 1;
  }
}

std::string MaskMiddle(std::string_view text, std::size_t keep_front, std::size_t keep_back) {
  if (text.size() <= keep_front + keep_back) {
    return std::string(text.size(), '*');
  }
  return std::string(text.substr(0, keep_front)) +
         std::string(text.size() - keep_front - keep_back, '*') +
         std::string(text.substr(text.size() - keep_back));
}

}  // namespace

std::string_view ScopeKindName(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kAll:
      return "all";
    case ScopeKind::kRegion:
      return "region";
    case ScopeKind::kUnit:
      return "unit";
    case ScopeKind::kHelper:
      return "helper";
  }
  return "region";
}

bool ParseScopeKind(std::string_view name, ScopeKind& kind) {
  for (const ScopeKind candidate :
       {ScopeKind::kAll, ScopeKind::kRegion, ScopeKind::kUnit, ScopeKind::kHelper}) {
    if (name == ScopeKindName(candidate)) {
      kind = candidate;
      return true;
    }
  }
  return false;
}

bool PermissionMatches(std::string_view pattern, std::string_view permission) {
  const auto wanted = Segments(pattern);
  const auto given = Segments(permission);
  for (std::size_t index = 0; index < wanted.size(); ++index) {
    if (wanted[index] == "*" && index + 1 == wanted.size()) {
      return given.size() > index;  // a trailing * takes one or more segments
    }
    if (index >= given.size()) {
      return false;
    }
    if (wanted[index] != "*" && wanted[index] != given[index]) {
      return false;
    }
  }
  return wanted.size() == given.size();
}

bool Role::Allows(std::string_view permission) const {
  for (const std::string& pattern : permissions) {
    if (PermissionMatches(pattern, permission)) {
      return true;
    }
  }
  return false;
}

Result<bool> CheckPasswordPolicy(std::string_view password) {
  bool letter = false;
  bool digit = false;
  for (const char c : password) {
    letter = letter || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    digit = digit || (c >= '0' && c <= '9');
  }
  if (Utf8Length(password) < 8 || !letter || !digit) {
    return Error{"weak_password", "密码至少8位，且须同时包含字母和数字"};
  }
  if (password.size() > 128) {
    return Error{"weak_password", "密码过长（最多128个字符）"};
  }
  return true;
}

std::string MaskPhone(std::string_view phone) {
  if (phone.empty()) {
    return {};
  }
  if (phone.size() == 11 && IsAsciiDigits(phone)) {
    return MaskMiddle(phone, 3, 4);
  }
  const auto dash = phone.find('-');
  if (dash != std::string_view::npos) {
    return std::string(phone.substr(0, dash + 1)) + MaskMiddle(phone.substr(dash + 1), 0, 4);
  }
  return MaskMiddle(phone, 0, 4);
}

std::string MaskBankAccount(std::string_view account) {
  return MaskMiddle(account, 4, 4);
}

}  // namespace shuanglian::core
