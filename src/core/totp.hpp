// Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA-1 over
// 30-second steps, six digits, the secret shared as RFC 4648 base32 in an otpauth:// address
// (the QR code the app scans). SHA-1 is what every app accepts; libsodium has no HMAC-SHA-1,
// so OpenSSL's libcrypto computes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prongsai::totp {

constexpr std::int64_t kStepSeconds = 30;
constexpr std::size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends

std::string new_secret();                    // raw bytes
std::string base32(std::string_view bytes);  // RFC 4648 alphabet, no padding
// The code of one step; `digits` 6 (apps) or 8 (the RFC's test vectors).
std::string code_at(std::string_view secret, std::int64_t step, int digits = 6);
inline std::int64_t step_of(std::int64_t unix_seconds) { return unix_seconds / kStepSeconds; }
// The step `typed` matches within one step either side of `now` (a phone's clock drifts; a code
// typed as it turns), later than `last_used` (a code is good once), or nullopt. Spaces are
// forgiven; anything but six digits matches nothing.
std::optional<std::int64_t> verify(std::string_view secret, std::string_view typed, std::int64_t now,
                                   std::int64_t last_used);
// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
std::string provisioning_uri(std::string_view secret, std::string_view issuer, std::string_view account);

}  // namespace prongsai::totp
