#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/value.h"

namespace shuanglian::store {

// One row of a result. Getters convert between the representations the two backends use
// (PostgreSQL returns text, SQLite typed values) so repositories read both the same way.
class RowView {
 public:
  explicit RowView(const std::vector<Value>& values) : values_(values) {}

  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t column) const;
  std::int64_t Int(std::size_t column) const;  // NULL reads as 0
  std::optional<std::int64_t> OptInt(std::size_t column) const;
  double Double(std::size_t column) const;
  std::string Text(std::size_t column) const;  // NULL reads as ""
  const Value& Raw(std::size_t column) const { return values_.at(column); }

 private:
  const std::vector<Value>& values_;
};

class ResultSet {
 public:
  ResultSet() = default;
  ResultSet(std::vector<std::string> columns, std::vector<std::vector<Value>> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}

  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  RowView operator[](std::size_t row) const { return RowView(rows_.at(row)); }
  const std::vector<std::string>& columns() const { return columns_; }

  class Iterator {
   public:
    Iterator(const ResultSet& set, std::size_t row) : set_(set), row_(row) {}
    RowView operator*() const { return set_[row_]; }
    Iterator& operator++() {
      ++row_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return row_ != other.row_; }

   private:
    const ResultSet& set_;
    std::size_t row_;
  };
  Iterator begin() const { return Iterator(*this, 0); }
  Iterator end() const { return Iterator(*this, rows_.size()); }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Value>> rows_;
};

}  // namespace shuanglian::store
