#include "report/qr_svg.h"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace shuanglian::report {

namespace {

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

std::string QrSvg(const std::string& text, double size_mm) {
  std::unique_ptr<QRcode, QrFree> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    throw std::runtime_error("无法生成二维码：" + text);
  }
  const int width = code->width;
  const int quiet = 2;  // modules of white border
  const int total = width + 2 * quiet;
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if (code->data[y * width + x] & 1) {
        path += fmt::format("M{} {}h1v1h-1z", x + quiet, y + quiet);
      }
    }
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" width=\"{1}mm\" "
      "height=\"{1}mm\" "
      "shape-rendering=\"crispEdges\"><rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/><path "
      "d=\"{2}\" "
      "fill=\"#000\"/></svg>",
      total, size_mm, path);
}

}  // namespace shuanglian::report
