// See receipt.hpp.
#include "modules/cases/receipt.hpp"

#include "core/codes.hpp"
#include "core/crypto.hpp"

namespace prongsai::cases {
namespace {
constexpr std::size_t kChars = 20, kGroup = 5;
}  // namespace

std::string new_receipt_code() { return codes::random(kChars, kGroup); }

std::optional<std::string> normalise_receipt(std::string_view typed) { return codes::normalise(typed, kChars); }

std::string group_receipt(std::string_view canonical) { return codes::grouped(canonical, kGroup); }

std::string receipt_id(std::string_view canonical) {
  return crypto::sha256_hex("prongsai receipt id v1:" + std::string(canonical));
}

}  // namespace prongsai::cases
