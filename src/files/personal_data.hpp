// Personal data in what an agency is about to publish (the PDPA; agencies put allowance lists
// and scanned forms on their sites with people's national ID numbers): 13-digit Thai ID numbers
// whose check digit holds, phone numbers, and e-mail addresses, found in text and in the text of
// a file: PDF (poppler), DOCX, XLSX, ODT and ODS (their XML), and images (Tesseract, with its
// Thai and English data). What the agency publishes of itself (its own phones, its e-mail
// domain) is allowed. A file whose text cannot be read is said so: nobody can vouch for it but
// the officer. Pure: bytes in, findings out; OCR takes seconds, so never on an I/O thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/strings.hpp"
#include "files/files.hpp"

namespace prongsai::files {

enum class PersonalKind { thai_id, phone, email };
std::string_view to_string(PersonalKind k);  // "thai_id", "phone", "email"

struct Finding {
  PersonalKind kind = PersonalKind::thai_id;
  std::string shown;  // partly masked, so that the warning itself does not repeat it: "1-1037-xxxxx-xx-1"
  int page = 0;       // a PDF's page, from 1; 0: not paged
};

struct Allowed {
  std::vector<std::string> phones;         // the agency's own, as digits: "053123456"
  std::vector<std::string> email_domains;  // "namom.go.th"; an address there is the agency's
  std::vector<std::string> emails;         // its own addresses elsewhere: "saraban.namom@gmail.com"
};

struct PersonalScan {
  std::vector<Finding> findings;  // each number or address once, in reading order
  bool readable = true;  // false: a file whose text could not be read (a damaged PDF, an image OCR could not read)
};

// The Thai ID's check digit: the 13th is (11 - Σ dᵢ·(14-i) mod 11) mod 10 over the first twelve.
bool valid_thai_id(std::string_view thirteen_digits);

PersonalScan scan_text(std::string_view text, const Allowed& allowed = {});
// `data` already judged by sniff (its kind); a kind with no text to read (an SVG emblem) has
// nothing to find.
PersonalScan scan_file(std::string_view data, const Kind& kind, const Allowed& allowed = {});

// What an officer is about to publish, checked whole: its texts (each named as the form names
// it) and its files (as `check` passed them). The places with something found, or a file that
// could not be read.
struct Place {
  std::string where;  // a file's name, or a text's label
  PersonalScan scan;
};
struct PublishCheck {
  std::vector<Place> places;
  bool clear() const { return places.empty(); }
  // A line a finding, for the officer: "รายชื่อ.pdf หน้า 2: เลขประจำตัวประชาชน 1-1017-xxxxx-xx-8".
  std::vector<std::string> lines(Lang lang) const;
  // What the audit keeps of a confirmation: each place with what was found there (masked).
  nlohmann::json audit() const;
};
PublishCheck check_publishing(const std::vector<std::pair<std::string, std::string_view>>& texts,
                              const std::vector<Checked>& files, const Allowed& allowed = {});
// The refusal a form shows until the officer publishes a redacted version or confirms: field
// confirm_personal_data, the lines (one per line) in `shown`.
Error personal_data_error(const PublishCheck& check, Lang lang);

}  // namespace prongsai::files
