#pragma once

#include <string>
#include <string_view>

#include "store/database.h"

namespace shuanglian::store {

// Database::ForEachRow's contract, kept by each backend: while rows stream, nothing else runs
// on the connection. PostgreSQL streams in libpq's single-row mode, and a statement sent
// meanwhile discards the rest of the stream without an error (the contact cards of a township
// came out as one card); SQLite would run it, so a test on SQLite would not notice. Every way
// of using the connection asks Refuse first, so a visitor that breaks the contract fails
// loudly on both backends, before anything reaches the connection.
class StreamingGuard {
 public:
  // Throws when a ForEachRow is streaming on this connection; `what` is the statement asked
  // for (its SQL, or what it does), for the message.
  void Refuse(std::string_view what) const {
    if (streaming_) {
      throw StoreError(StoreError::Kind::kOther,
                       "内部错误：ForEachRow 逐行读取结果（" + Head(sql_) +
                           "）时，其访问函数在同一数据库连接上又执行了语句（" + Head(what) +
                           "）。访问函数不得使用同一连接（在 PostgreSQL 上这会悄悄截断结果）："
                           "请在循环之前查好所需数据，或先收集行、循环结束后再查询");
    }
  }

  // The same for a statement's text as C string, measured only when it is refused (a
  // prepared statement run once per row of a bulk load asks every time).
  void Refuse(const char* what) const {
    if (streaming_) {
      Refuse(std::string_view(what != nullptr ? what : ""));
    }
  }

  // The connection streams `sql` while this lives.
  class Scope {
   public:
    Scope(StreamingGuard& guard, std::string_view sql) : guard_(guard) {
      guard_.streaming_ = true;
      guard_.sql_.assign(sql);
    }
    ~Scope() {
      guard_.streaming_ = false;
      guard_.sql_.clear();
    }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    StreamingGuard& guard_;
  };

 private:
  // The first 80 bytes of a statement, cut at a character's start.
  static std::string Head(std::string_view sql) {
    constexpr std::size_t kLength = 80;
    if (sql.size() <= kLength) {
      return std::string(sql);
    }
    std::size_t end = kLength;
    while (end > 0 && (static_cast<unsigned char>(sql[end]) & 0xC0) == 0x80) {
      --end;
    }
    return std::string(sql.substr(0, end)) + "…";
  }

  bool streaming_ = false;
  std::string sql_;  // the statement streaming
};

}  // namespace shuanglian::store
