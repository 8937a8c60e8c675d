// Form bodies: application/x-www-form-urlencoded (through Boost.URL) and multipart/form-data
// (RFC 7578). Both refuse more fields or parts than the limits allow, and clean every text
// value (text::clean) so that handlers only ever see valid, normalised UTF-8.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "http/message.hpp"

namespace prongsai::http {

struct FormLimits {
  std::size_t max_fields = 200;
  std::size_t max_parts = 50;
  std::size_t max_part_header_bytes = 4096;
};

Result<Form> parse_urlencoded(std::string_view body, const FormLimits& limits);
Result<Form> parse_multipart(std::string_view content_type, std::string_view body, const FormLimits& limits);
// Chooses by Content-Type; anything else is refused as unsupported.
Result<Form> parse_form(std::string_view content_type, std::string_view body, const FormLimits& limits);

}  // namespace prongsai::http
