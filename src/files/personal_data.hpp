// Personal data in what an agency is about to publish (the PDPA; agencies put allowance lists
// and scanned forms on their sites with people's national ID numbers): 13-digit Thai ID numbers
// whose check digit holds, phone numbers, and e-mail addresses, found in text and in the text of
// a file: PDF (poppler), DOCX, XLSX, ODT and ODS (their XML), and images (Tesseract, with its
// Thai and English data). What the agency publishes of itself (its own phones, its e-mail
// domain) is allowed. A file whose text cannot be read is said so: nobody can vouch for it but
// the officer. Pure: bytes in, findings out; OCR takes seconds, so never on an I/O thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

}  // namespace prongsai::files
