#include "api/passwords.h"

#include <sodium.h>

#include <stdexcept>

namespace shuanglian::api {

namespace {

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) {
    throw std::runtime_error("libsodium 初始化失败");
  }
}

}  // namespace

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char encoded[crypto_pwhash_STRBYTES];
  // Interactive limits: about 0.1 s and 64 MB per attempt, enough to make guessing slow.
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("密码哈希失败（内存不足）");
  }
  return encoded;
}

bool VerifyPassword(const std::string& encoded, std::string_view password) {
  EnsureSodium();
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

std::string GeneratePassword() {
  EnsureSodium();
  static constexpr std::string_view kLetters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr std::string_view kDigits = "23456789";
  std::string password;
  for (int index = 0; index < 14; ++index) {
    // Two digits at fixed places guarantee the policy's letters-and-digits rule.
    const std::string_view alphabet = (index == 4 || index == 9) ? kDigits : kLetters;
    password.push_back(alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))]);
  }
  return password;
}

std::string RandomToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace shuanglian::api
