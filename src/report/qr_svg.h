#pragma once

#include <string>

namespace shuanglian::report {

// A QR code (libqrencode, error correction M) as an inline SVG of `size_mm` millimetres.
// Throws std::runtime_error when the text cannot be encoded.
std::string QrSvg(const std::string& text, double size_mm);

}  // namespace shuanglian::report
