// Fuzz target for the O43 importer: any bytes give a report or an error, never a crash; a
// report has at least one issue, each with an item code.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "modules/measures/importer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace prongsai;
  static const framework::Catalogue catalogue = *framework::Catalogue::load();
  auto r = measures::parse_o43(std::string_view(reinterpret_cast<const char*>(data), size), catalogue.year(2565));
  if (r) {
    if (r->issues.empty()) std::abort();
    for (const auto& i : r->issues) {
      if (i.item_code.empty()) std::abort();
    }
  }
  return 0;
}
