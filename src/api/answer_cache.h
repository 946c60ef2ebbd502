#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "api/generation_cache.h"
#include "store/database.h"

namespace shuanglian::api {

// An answer as it is kept: its JSON text, and what reading it unmasked puts in the audit log.
struct CachedAnswer {
  std::string body;
  std::string audit_keys;  // empty: nothing to audit
};

// The key of a kept answer, one part at a time. Parts are length-prefixed, so that no two
// different lists of parts (a search text may hold any byte) make the same key.
class AnswerKey {
 public:
  explicit AnswerKey(std::string_view what) { Add(what); }
  AnswerKey& Add(std::string_view part);
  AnswerKey& Add(std::int64_t number) { return Add(std::to_string(number)); }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// Answers of the reads asked again and again (a household, a page of a list): computed once
// and given again until the data may have changed (see GenerationCache). The key must name
// everything an answer depends on: the data scope, whether personal data is shown, the query.
// The caller checks the session and the permission and audits the read on every request,
// whether the answer was kept or not.
class AnswerCache {
 public:
  explicit AnswerCache(std::size_t max_bytes = 64u << 20);

  std::shared_ptr<const CachedAnswer> Get(store::Database& database, const AnswerKey& key,
                                          const std::function<CachedAnswer()>& compute);

 private:
  GenerationCache<CachedAnswer> answers_;
};

}  // namespace shuanglian::api
