#include "api/answer_cache.h"

namespace shuanglian::api {

AnswerKey& AnswerKey::Add(std::string_view part) {
  text_ += std::to_string(part.size());
  text_.push_back(':');
  text_.append(part);
  return *this;
}

AnswerCache::AnswerCache(std::size_t max_bytes)
    : answers_(max_bytes, [](const CachedAnswer& answer) {
        return answer.body.size() + answer.audit_keys.size();
      }) {}

std::shared_ptr<const CachedAnswer> AnswerCache::Get(store::Database& database,
                                                     const AnswerKey& key,
                                                     const std::function<CachedAnswer()>& compute) {
  return answers_.Get(database, key.text(), [&] { return std::optional<CachedAnswer>(compute()); });
}

}  // namespace shuanglian::api
