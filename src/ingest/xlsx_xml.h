#pragma once

#include <expat.h>

#include <cstddef>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/xlsx_zip.h"

namespace shuanglian::ingest::xlsx {

struct XmlParserFree {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};
using XmlParserPtr = std::unique_ptr<XML_ParserStruct, XmlParserFree>;

// Attribute list as expat hands it over: name, value, name, value, ..., null. Names of
// unprefixed attributes are plain ("r"); prefixed ones are expanded to
// "namespace-uri\x01local" so that r:id is found whatever prefix a producer chose.
class XmlAttributes {
 public:
  explicit XmlAttributes(const XML_Char** attributes) : attributes_(attributes) {}
  // The unprefixed attribute `name`, or nullptr.
  const char* Get(std::string_view name) const;
  // An attribute in some namespace whose local name is `local_name`, or nullptr.
  const char* GetNamespaced(std::string_view local_name) const;

 private:
  const XML_Char** attributes_;
};

// What the stream does after a callback.
enum class XmlAction {
  kContinue,
  kPause,  // return from Advance() after this event; parsing resumes on the next call
  kStop,   // the rest of the document is not needed
};

// Callbacks get element names without their namespace ("row", "c", "t"): OOXML producers
// use default namespaces, prefixes, and the strict namespace, and only the local names
// matter. A callback may throw; the exception comes out of XmlStream::Advance().
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual XmlAction OnStart(std::string_view name, const XmlAttributes& attributes) = 0;
  virtual XmlAction OnEnd(std::string_view name) = 0;
  virtual void OnText(std::string_view text) = 0;
  // Where in the data the parser is, for error messages ("表格第 12 行附近"); may be empty.
  virtual std::string Position() const { return {}; }
};

// One zip entry fed to expat in chunks of kChunkSize, so a part of any size is parsed in
// bounded memory. A document type declaration is refused: OOXML never has one, and it is
// the door to entity-expansion attacks.
class XmlStream {
 public:
  static constexpr std::size_t kChunkSize = 64 * 1024;

  XmlStream(ZipEntryReader entry, XmlHandler& handler);
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Parses until a callback asks to pause (true) or the document ends or is stopped
  // (false). Throws ReadError for malformed XML or a damaged entry, or what a callback threw.
  bool Advance();
  // Parses the whole document, ignoring pauses.
  void ParseAll();

  const ZipEntryReader& entry() const { return entry_; }
  bool finished() const { return state_ == State::kFinished; }

 private:
  enum class State { kReady, kSuspended, kFinished };

  static void XMLCALL StartElement(void* user_data, const XML_Char* name,
                                   const XML_Char** attributes);
  static void XMLCALL EndElement(void* user_data, const XML_Char* name);
  static void XMLCALL CharacterData(void* user_data, const XML_Char* text, int length);
  static void XMLCALL StartDoctype(void* user_data, const XML_Char* doctype_name,
                                   const XML_Char* system_id, const XML_Char* public_id,
                                   int has_internal_subset);

  void Apply(XmlAction action);
  void Fail(std::exception_ptr error);
  [[noreturn]] void ThrowSyntaxError() const;

  ZipEntryReader entry_;
  XmlHandler& handler_;
  XmlParserPtr parser_;
  State state_ = State::kReady;
  bool final_chunk_fed_ = false;
  bool stopped_ = false;
  std::exception_ptr pending_;
};

}  // namespace shuanglian::ingest::xlsx
