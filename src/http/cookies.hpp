// Cookies: reading the Cookie header and writing Set-Cookie with safe attributes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace prongsai::http {

std::optional<std::string> find_cookie(std::string_view cookie_header, std::string_view name);

enum class SameSite { lax, strict };

struct CookieOptions {
  bool secure = false;  // set when the site is served over HTTPS (behind nginx)
  SameSite same_site = SameSite::lax;
  long max_age_seconds = -1;  // -1: a session cookie; 0: delete
};

// Over HTTPS every cookie is named with this prefix (Request::cookie reads it back).
inline constexpr std::string_view kHostCookiePrefix = "__Host-";

// Always HttpOnly and Path=/ (with `secure`: Secure and the "__Host-" prefix). Values are
// tokens we made: base64url, no quoting needed.
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& o);

}  // namespace prongsai::http
