// Fuzz target for the edge's parsers of outside input: urlencoded and multipart bodies, the
// Cookie header, request paths, and text cleaning. The first byte picks the parser; the rest
// is its input. Whatever the bytes, a parser returns a value or an error: no crash, no hang,
// and whatever it accepts is valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.hpp"
#include "http/cookies.hpp"
#include "http/forms.hpp"

namespace {

void check_utf8(const prongsai::http::Form& f, std::string_view name) {
  if (!prongsai::text::is_valid_utf8(f.value(name))) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace prongsai;
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0: {
      auto f = http::parse_urlencoded(input, {});
      if (f) check_utf8(*f, "a");
      break;
    }
    case 1: {
      auto f = http::parse_form("multipart/form-data; boundary=XyZ", input, {});
      if (f) check_utf8(*f, "title");
      break;
    }
    case 2: http::find_cookie(input, "prongsai_session"); break;
    case 3: {
      auto p = http::decode_path(input);
      if (p && !text::is_valid_utf8(*p)) std::abort();
      break;
    }
    case 4: {
      auto t = text::clean(input, text::Lines::multiple);
      if (t && !text::is_valid_utf8(*t)) std::abort();
      break;
    }
  }
  return 0;
}
