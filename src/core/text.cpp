// Text normalisation on input. ICU does NFC; the Thai fixes work on code points.
#include "core/text.hpp"

#include <cstdio>

#include <charconv>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace prongsai::text {
namespace {

constexpr char32_t kNikhahit = 0x0E4D, kSaraAa = 0x0E32, kSaraAm = 0x0E33;

bool is_tone(char32_t c) { return c >= 0x0E48 && c <= 0x0E4B; }

// Upper and lower vowels and marks that sit before a tone mark in canonical order.
bool is_vowel_mark(char32_t c) { return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || c == 0x0E47; }

bool is_thai_combining(char32_t c) { return is_tone(c) || is_vowel_mark(c) || c == 0x0E4C || c == kNikhahit; }

std::string nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = n->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string result;
  out.toUTF8String(result);
  return result;
}

}  // namespace

std::u32string to_code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) {
    char buf[4];
    int32_t len = 0;
    [[maybe_unused]] UBool err = false;  // four bytes always hold one code point
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, static_cast<UChar32>(c), err);
    out.append(buf, static_cast<std::size_t>(len));
  }
  return out;
}

bool is_valid_utf8(std::string_view s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string normalize_thai(std::string_view input) {
  std::u32string s = to_code_points(input);
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    // ํ + า → ำ, and ํ + tone + า → tone + ำ.
    if (c == kNikhahit && i + 1 < s.size() && s[i + 1] == kSaraAa) {
      out.push_back(kSaraAm);
      ++i;
      continue;
    }
    if (c == kNikhahit && i + 2 < s.size() && is_tone(s[i + 1]) && s[i + 2] == kSaraAa) {
      out.push_back(s[i + 1]);
      out.push_back(kSaraAm);
      i += 2;
      continue;
    }
    // ำ + tone → tone + ำ.
    if (c == kSaraAm && i + 1 < s.size() && is_tone(s[i + 1])) {
      out.push_back(s[i + 1]);
      out.push_back(kSaraAm);
      ++i;
      continue;
    }
    // tone + vowel mark → vowel mark + tone.
    if (is_tone(c) && i + 1 < s.size() && is_vowel_mark(s[i + 1])) {
      out.push_back(s[i + 1]);
      out.push_back(c);
      ++i;
      continue;
    }
    // A combining mark repeated at once is kept once.
    if (is_thai_combining(c) && !out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return to_utf8(out);
}

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  // Also trim NO-BREAK SPACE and ZERO WIDTH SPACE pasted from Word and PDFs.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view ws : {std::string_view("\xC2\xA0"), std::string_view("\xE2\x80\x8B")}) {
      if (s.starts_with(ws)) {
        s.remove_prefix(ws.size());
        changed = true;
      }
      if (s.ends_with(ws)) {
        s.remove_suffix(ws.size());
        changed = true;
      }
    }
  }
  return s;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

std::size_t code_points(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

Result<std::string> clean(std::string_view raw, Lines lines) {
  if (!is_valid_utf8(raw)) return fail(Error::make(ErrorKind::bad_request, "error.bad_utf8", "invalid UTF-8"));
  std::string s;
  s.reserve(raw.size());
  bool ascii = true;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    ascii = ascii && c < 0x80;
    if (c == '\r') {
      if (lines == Lines::single)
        return fail(Error::make(ErrorKind::bad_request, "error.control_chars", "CR in single-line field"));
      s.push_back('\n');
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      continue;
    }
    bool allowed_ws = lines == Lines::multiple && (c == '\n' || c == '\t');
    if ((c < 0x20 && !allowed_ws) || c == 0x7F) {
      return fail(Error::make(ErrorKind::bad_request, "error.control_chars", "control character in text"));
    }
    s.push_back(static_cast<char>(c));
  }
  if (ascii) return std::string(trim(s));  // already in NFC, and no Thai to reorder
  std::string normalised = normalize_thai(nfc(s));
  return std::string(trim(normalised));
}

Result<std::string> form_field(std::string_view name, std::string_view raw, std::size_t max_chars, bool required,
                               Lines lines) {
  auto v = clean(raw, lines);
  if (!v) return fail(Error::invalid_field(std::string(name), v.error().message_key));
  if (required && v->empty()) return fail(Error::invalid_field(std::string(name), "error.required"));
  if (code_points(*v) > max_chars) return fail(Error::invalid_field(std::string(name), "error.too_long"));
  return v;
}

std::string fill(std::string text, std::string_view name, std::string_view value) {
  std::string token = "{" + std::string(name) + "}";
  for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
    text.replace(at, token.size(), value);
  return text;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string truncate(std::string_view utf8, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t count = 0; i < utf8.size() && count < n; ++count) {
    ++i;
    while (i < utf8.size() && (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) ++i;
  }
  return std::string(utf8.substr(0, i));
}

std::optional<std::int64_t> parse_id(std::string_view s) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

bool is_snake_name(std::string_view s) {
  return !s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
}

bool is_web_link(std::string_view url) {
  std::string lower = ascii_lower(url);
  std::size_t rest = lower.starts_with("https://") ? 8 : lower.starts_with("http://") ? 7 : 0;
  return rest > 0 && url.size() > rest + 3 && url.find_first_of(" <>\"'\\`\t\n\r") == std::string_view::npos;
}

bool is_site_path(std::string_view path) {
  return path.size() > 1 && path.size() <= 1000 && path[0] == '/' && path[1] != '/' &&
         path.find_first_of(" <>\"'\\`\t\n\r") == std::string_view::npos;
}

bool json_nesting_within(std::string_view json_text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json_text.size(); ++i) {
    char c = json_text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace prongsai::text
