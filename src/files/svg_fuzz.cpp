// Fuzz target for the SVG cleaner (an emblem is the one SVG anybody uploads): whatever the bytes,
// clean_svg returns a drawing or an error, no crash, no hang; and what it returns it accepts
// again unchanged, so a written file holds nothing the rules refuse.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "files/files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto cleaned = prongsai::files::clean_svg(input);
  if (!cleaned) return 0;
  auto again = prongsai::files::clean_svg(*cleaned);
  if (!again || *again != *cleaned) std::abort();
  return 0;
}
