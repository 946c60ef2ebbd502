#pragma once

#include <string>
#include <string_view>

namespace shuanglian::store {

// SHA-256 as 64 lower-case hex digits (OpenSSL): session tokens are kept only as this, and
// the audit log chains its rows with it.
std::string Sha256Hex(std::string_view data);

}  // namespace shuanglian::store
