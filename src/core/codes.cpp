// See codes.hpp.
#include "core/codes.hpp"

#include "core/crypto.hpp"

namespace prongsai::codes {
namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}  // namespace

std::string random(std::size_t chars, std::size_t group) {
  std::string bytes = crypto::random_bytes(chars), code;  // one byte a character: & 31 is uniform
  for (unsigned char b : bytes) code += kAlphabet[b & 31];
  return grouped(code, group);
}

std::optional<std::string> normalise(std::string_view typed, std::size_t chars) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    code += c;
    if (code.size() > chars) return std::nullopt;
  }
  if (code.size() != chars) return std::nullopt;
  return code;
}

std::string grouped(std::string_view canonical, std::size_t group) {
  std::string out;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (i > 0 && i % group == 0) out += '-';
    out += canonical[i];
  }
  return out;
}

}  // namespace prongsai::codes
