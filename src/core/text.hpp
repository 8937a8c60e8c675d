// Text that arrives from outside: UTF-8 validation, control characters, NFC and the Thai
// typing fixes that NFC alone does not make, so that search and comparison see one spelling.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace prongsai::text {

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);

enum class Lines {
  single,    // a one-line field: tabs and newlines are refused
  multiple,  // a text area: \n and \t kept, \r\n and \r become \n
};

// Validates and normalises a field's value: refuses invalid UTF-8 and control characters
// (NUL included: see stack-notes pitfall 14), then NFC, then normalize_thai, then trims.
Result<std::string> clean(std::string_view raw, Lines lines = Lines::single);

// One form field: clean()ed, required or not, at most `max_chars` code points. Every failure
// is Error::invalid_field(name, ...): error.required, error.too_long, or clean()'s key.
Result<std::string> form_field(std::string_view name, std::string_view raw, std::size_t max_chars, bool required,
                               Lines lines = Lines::single);

// Fixes for Thai as typed on real keyboards, applied after NFC:
//  - NIKHAHIT + SARA AA (ํ + า), typed for SARA AM, becomes SARA AM (ำ);
//  - SARA AM typed before a tone mark (ำ่) becomes tone + SARA AM (่ำ);
//  - a tone mark typed before an upper or lower vowel moves after it (canonical order);
//  - the same combining mark typed twice in a row is kept once.
std::string normalize_thai(std::string_view nfc);

std::string_view trim(std::string_view s);
std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);

// The enumerator named `s`, where names[i] is the name of the enumerator of value i.
template <class E, std::size_t N>
std::optional<E> enum_named(std::string_view s, const std::string_view (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

// An http or https address with a host and nothing that could break out of an attribute:
// javascript:, data: and every other scheme are not.
bool is_web_link(std::string_view url);
// A page of this site by its path ("/library/12"): one slash first (two would name another
// host), nothing a link could not hold.
bool is_site_path(std::string_view path);
// A name made of a-z, 0-9 and "_" only, not empty: a form field's key, a column's name, what a
// template or a statement may spell as it is.
bool is_snake_name(std::string_view s);
// A number with a fixed count of decimals, as reports show scores and days: fixed(83.5, 2) is
// "83.50", fixed(0.3 * 100, 0) is "30".
std::string fixed(double v, int decimals);
// `text` with every "{name}" replaced by `value` (UI strings with a figure or name in them).
std::string fill(std::string text, std::string_view name, std::string_view value);
// Whether a JSON text's arrays and objects nest no deeper than `max_depth` (brackets inside
// strings not counted): checked before parsing, as nesting costs a parser stack and memory out
// of proportion to the text.
bool json_nesting_within(std::string_view json_text, int max_depth);
// A record id as a form or address carries it: digits only, positive, in range.
std::optional<std::int64_t> parse_id(std::string_view s);

// The parts of `s` between separators, empty ones included ("a\n\nb" → "a", "", "b").
std::vector<std::string_view> split(std::string_view s, char sep);

// `s` without spaces, tabs and line breaks: for matching Thai text that PDF extraction broke
// with stray spaces ("สำนัก ปลัด" is "สำนักปลัด").
std::string without_spaces(std::string_view s);

// Code points of UTF-8 (an invalid sequence becomes U+FFFD), and back.
std::u32string to_code_points(std::string_view utf8);
std::string to_utf8(std::u32string_view code_points);

// Counts code points, not bytes: Thai combining marks count, as they do for FTS5 trigram.
std::size_t code_points(std::string_view utf8);
// At most `n` code points of valid UTF-8 `s` (never cuts a character in two).
std::string truncate(std::string_view utf8, std::size_t n);

}  // namespace prongsai::text
