// See receipt.hpp.
#include "modules/cases/receipt.hpp"

#include "core/crypto.hpp"

namespace prongsai::cases {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kChars = 20;

}  // namespace

std::string new_receipt_code() {
  std::string bytes = crypto::random_bytes(13);  // 104 bits; the first 100 are used
  std::string code;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5 && code.size() < kChars) {
      code += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return group_receipt(code);
}

std::optional<std::string> normalise_receipt(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    code += c;
    if (code.size() > kChars) return std::nullopt;
  }
  if (code.size() != kChars) return std::nullopt;
  return code;
}

std::string group_receipt(std::string_view canonical) {
  std::string out;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (i > 0 && i % 5 == 0) out += '-';
    out += canonical[i];
  }
  return out;
}

std::string receipt_id(std::string_view canonical) {
  return crypto::sha256_hex("prongsai receipt id v1:" + std::string(canonical));
}

}  // namespace prongsai::cases
