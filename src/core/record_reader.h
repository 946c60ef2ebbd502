#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/dictionary.h"
#include "core/field.h"
#include "core/id_number.h"
#include "core/region_index.h"

namespace shuanglian::core {

// A phone number as stored: a mobile's 11 digits, a landline as written ("0931-8888888");
// nothing when it is neither.
std::optional<std::string> NormalisedPhone(std::string_view text);
// A phone as a key: its digits only, so "0931-5320001" and "0931 5320001" are one number
// (a helper is known by their phone; a household's phone is kept as written).
std::string PhoneDigits(std::string_view text);

// What validation needs to know of the world: the enumerations, today's date, and which
// regions exist (absent when the caller checks regions itself).
struct ValidationContext {
  const DictionarySet& dictionaries;
  Date today;
  const RegionIndex* regions = nullptr;
};

// Reads the typed values out of a RawRecord, one field at a time, collecting an error per
// bad field so that a row reports everything wrong with it at once.
class RecordReader {
 public:
  RecordReader(const RawRecord& raw, std::span<const FieldSpec> specs,
               const ValidationContext& context, std::vector<FieldError>& errors);
  // The cleaned texts view the reader's own storage.
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // The cleaned text; empty markers (无, /, -) count as empty unless keep_markers.
  std::string Text(int field, bool keep_markers = false) const;
  // The same without a copy, valid while the reader lives.
  std::string_view TextView(int field, bool keep_markers = false) const;
  bool IsEmpty(int field) const;
  const RawField& Raw(int field) const { return raw_[static_cast<std::size_t>(field)]; }

  // Each returns nothing and records an error when the field is required and empty, or
  // filled and wrong.
  std::string RequiredText(int field, std::size_t max_length);
  std::string OptionalText(int field, std::size_t max_length);
  // Prose as the person wrote it (a diary page, what a visit learned): trimmed, with its
  // Chinese punctuation (，。) and line breaks kept, never width-normalised.
  std::string Prose(int field, std::size_t max_length, bool required);
  std::string DictionaryCode(int field);
  std::vector<std::string> DictionaryCodes(int field);  // several, split at 、 ; ，
  std::optional<std::int64_t> Whole(int field, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> Scaled(int field, int scale);
  std::optional<bool> YesNo(int field);
  std::optional<IdNumber> Id(int field);
  std::optional<Date> DateValue(int field);
  std::string Phone(int field);
  std::string PersonName(int field);

  void Fail(int field, std::string code, std::string message);
  bool HasError(int field) const;
  const ValidationContext& context() const { return context_; }

 private:
  const FieldSpec& Spec(int field) const { return specs_[static_cast<std::size_t>(field)]; }
  bool MissingRequired(int field);

  const RawRecord& raw_;
  // Each field's CleanCell, computed once: a view of the raw cell or, for the rare cell whose
  // width forms were replaced, of its slot in normalized_.
  std::vector<std::string_view> cleaned_;
  std::vector<std::string> normalized_;  // empty, or one slot per field
  std::span<const FieldSpec> specs_;
  const ValidationContext& context_;
  std::vector<FieldError>& errors_;
};

}  // namespace shuanglian::core
