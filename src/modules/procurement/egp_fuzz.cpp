// Fuzz target for the e-GP readers (a file an officer uploads or fetches: cgdcontract JSON, a
// CSV or XLSX table): whatever the bytes, read_any returns projects or a refusal, no crash, no
// hang; every project it returns has its number and name, amounts not below zero, and a
// fiscal year.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "modules/procurement/egp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto read = prongsai::procurement::egp::read_any(input, 2567, prongsai::Lang::th);
  if (!read) {
    if (read.error().shown.empty()) std::abort();  // a refusal always says where
    return 0;
  }
  for (const auto& p : *read) {
    if (p.egp_number.empty() || p.name.empty() || p.fiscal_year < 2400) std::abort();
    for (auto amount : {p.budget, p.reference_price, p.agreed_price})
      if (amount && *amount < 0) std::abort();
  }
  return 0;
}
