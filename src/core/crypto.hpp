// Cryptography through libsodium: random tokens, SHA-256, HMAC, constant-time comparison and
// argon2id password hashes. Password hashing costs ~0.1 s and 64 MiB (INTERACTIVE limits):
// callers on the HTTP edge run it on the worker pool, never on an I/O thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace prongsai::crypto {

void init();  // sodium_init; safe to call more than once

std::string random_bytes(std::size_t n);
// URL-safe base64 without padding of `bytes` random bytes (32 bytes → 43 characters).
std::string random_token(std::size_t bytes = 32);
// A password a person can type: `length` characters from an alphabet without look-alikes.
std::string random_password(std::size_t length = 16);

std::string sha256(std::string_view data);  // 32 raw bytes
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view message);  // 32 raw bytes
std::string to_hex(std::string_view bytes);
std::string to_base64url(std::string_view bytes);
std::string to_base64(std::string_view bytes);  // RFC 4648 §4, padded (MIME)
// The bytes of padded RFC 4648 §4 base64 (spaces and line breaks ignored); nullopt for
// anything else.
std::optional<std::string> from_base64(std::string_view text);

bool equal(std::string_view a, std::string_view b);  // constant time for equal lengths

std::string hash_password(std::string_view password);  // argon2id, "$argon2id$..." string
bool verify_password(std::string_view hash, std::string_view password);

// A password hash holds its memory (64 MiB; 256 MiB for a sealing passphrase) and a core while
// it runs: held for each, so that at most hashing_slots() run at once however many threads ask
// (a server's workers are many, for the writes that wait on the database; sign-ins arriving
// together wait their turn instead of taking a gigabyte). hash_password and verify_password
// hold one; whoever calls argon2id itself holds one around it.
class HashingTurn {
 public:
  HashingTurn();
  ~HashingTurn();
  HashingTurn(const HashingTurn&) = delete;
  HashingTurn& operator=(const HashingTurn&) = delete;
};
unsigned hashing_slots();    // the cores, at least 1
unsigned hashing_running();  // turns held now (the tests)

}  // namespace prongsai::crypto
