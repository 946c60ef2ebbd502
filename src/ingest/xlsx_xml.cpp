#include "ingest/xlsx_xml.h"

#include <new>

#include "ingest/table_reader.h"

namespace shuanglian::ingest::xlsx {
namespace {

// Expanded names are "uri\x01local". \x01 cannot occur in an XML 1.0 document, so no
// namespace URI can contain it and expat never has to refuse one.
constexpr XML_Char kNamespaceSeparator = '\x01';

std::string_view LocalName(const XML_Char* name) {
  std::string_view full(name);
  const std::size_t separator = full.rfind(kNamespaceSeparator);
  return separator == std::string_view::npos ? full : full.substr(separator + 1);
}

}  // namespace

const char* XmlAttributes::Get(std::string_view name) const {
  for (const XML_Char** attribute = attributes_; attribute[0] != nullptr; attribute += 2) {
    if (name == attribute[0]) {
      return attribute[1];
    }
  }
  return nullptr;
}

const char* XmlAttributes::GetNamespaced(std::string_view local_name) const {
  for (const XML_Char** attribute = attributes_; attribute[0] != nullptr; attribute += 2) {
    std::string_view full(attribute[0]);
    const std::size_t separator = full.rfind(kNamespaceSeparator);
    if (separator != std::string_view::npos && full.substr(separator + 1) == local_name) {
      return attribute[1];
    }
  }
  return nullptr;
}

XmlStream::XmlStream(ZipEntryReader entry, XmlHandler& handler)
    : entry_(std::move(entry)),
      handler_(handler),
      parser_(XML_ParserCreateNS(nullptr, kNamespaceSeparator)) {
  if (!parser_) {
    throw std::bad_alloc();
  }
  XML_SetUserData(parser_.get(), this);
  XML_SetElementHandler(parser_.get(), &XmlStream::StartElement, &XmlStream::EndElement);
  XML_SetCharacterDataHandler(parser_.get(), &XmlStream::CharacterData);
  XML_SetStartDoctypeDeclHandler(parser_.get(), &XmlStream::StartDoctype);
}

bool XmlStream::Advance() {
  while (state_ != State::kFinished) {
    const State previous = state_;
    state_ = State::kFinished;  // what throws below (a damaged entry too) ends the stream
    XML_Status status = XML_STATUS_OK;
    if (previous == State::kSuspended) {
      status = XML_ResumeParser(parser_.get());
    } else {
      void* buffer = XML_GetBuffer(parser_.get(), static_cast<int>(kChunkSize));
      if (buffer == nullptr) {
        throw std::bad_alloc();
      }
      const std::size_t length = entry_.Read(buffer, kChunkSize);
      final_chunk_fed_ = length == 0;
      status = XML_ParseBuffer(parser_.get(), static_cast<int>(length), final_chunk_fed_);
    }
    if (pending_) {
      std::rethrow_exception(pending_);
    }
    switch (status) {
      case XML_STATUS_SUSPENDED:
        state_ = State::kSuspended;
        return true;
      case XML_STATUS_ERROR:
        if (stopped_) {
          return false;
        }
        ThrowSyntaxError();
      case XML_STATUS_OK:
        state_ = final_chunk_fed_ ? State::kFinished : State::kReady;
        break;
    }
  }
  return false;
}

void XmlStream::ParseAll() {
  while (Advance()) {
  }
}

void XmlStream::ThrowSyntaxError() const {
  std::string message = "XLSX 内容损坏：" + entry_.name() + " 第 " +
                        std::to_string(XML_GetCurrentLineNumber(parser_.get())) + " 行第 " +
                        std::to_string(XML_GetCurrentColumnNumber(parser_.get())) +
                        " 列 XML 解析失败（" + XML_ErrorString(XML_GetErrorCode(parser_.get())) +
                        "）";
  const std::string position = handler_.Position();
  if (!position.empty()) {
    message += "，位于" + position;
  }
  throw ReadError(message);
}

void XmlStream::Apply(XmlAction action) {
  switch (action) {
    case XmlAction::kContinue:
      break;
    case XmlAction::kPause:
      // Fails harmlessly when an event that follows the pausing one asks again.
      XML_StopParser(parser_.get(), XML_TRUE);
      break;
    case XmlAction::kStop:
      stopped_ = true;
      XML_StopParser(parser_.get(), XML_FALSE);
      break;
  }
}

void XmlStream::Fail(std::exception_ptr error) {
  // Exceptions must not unwind through expat's C frames; they are carried out of
  // XML_ParseBuffer by hand.
  pending_ = std::move(error);
  XML_StopParser(parser_.get(), XML_FALSE);
}

void XMLCALL XmlStream::StartElement(void* user_data, const XML_Char* name,
                                     const XML_Char** attributes) {
  auto& self = *static_cast<XmlStream*>(user_data);
  if (self.pending_ || self.stopped_) {
    return;
  }
  try {
    self.Apply(self.handler_.OnStart(LocalName(name), XmlAttributes(attributes)));
  } catch (...) {
    self.Fail(std::current_exception());
  }
}

void XMLCALL XmlStream::EndElement(void* user_data, const XML_Char* name) {
  auto& self = *static_cast<XmlStream*>(user_data);
  if (self.pending_ || self.stopped_) {
    return;
  }
  try {
    self.Apply(self.handler_.OnEnd(LocalName(name)));
  } catch (...) {
    self.Fail(std::current_exception());
  }
}

void XMLCALL XmlStream::CharacterData(void* user_data, const XML_Char* text, int length) {
  auto& self = *static_cast<XmlStream*>(user_data);
  if (self.pending_ || self.stopped_ || length <= 0) {
    return;
  }
  try {
    self.handler_.OnText(std::string_view(text, static_cast<std::size_t>(length)));
  } catch (...) {
    self.Fail(std::current_exception());
  }
}

void XMLCALL XmlStream::StartDoctype(void* user_data, const XML_Char* /*doctype_name*/,
                                     const XML_Char* /*system_id*/, const XML_Char* /*public_id*/,
                                     int /*has_internal_subset*/) {
  auto& self = *static_cast<XmlStream*>(user_data);
  if (self.pending_) {
    return;
  }
  self.Fail(std::make_exception_ptr(
      ReadError("XLSX 内容异常：" + self.entry_.name() +
                " 含有 DTD 声明（Excel 生成的文件不会有），为安全起见拒绝读取")));
}

}  // namespace shuanglian::ingest::xlsx
