#pragma once

#include <string>
#include <string_view>

namespace shuanglian::api {

// argon2id through libsodium, in its self-describing encoded form (salt and cost inside).
std::string HashPassword(std::string_view password);
bool VerifyPassword(const std::string& encoded, std::string_view password);

// A password that meets the policy, for accounts created without one: 14 characters from
// an alphabet without look-alikes (no 0/O, 1/l/I).
std::string GeneratePassword();

// 32 random bytes as 64 hex digits: session tokens and CSRF tokens.
std::string RandomToken();

// Compares secrets in constant time.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace shuanglian::api
