// The keys of sealed cases (the corruption-complaint channel), through libsodium. Nothing here
// touches the database; service.cpp decides what is stored.
//
//   case key K        random, one per case; the case's text, messages and contact details
//                     are encrypted under it (XSalsa20-Poly1305, crypto_secretbox).
//   officer key pair  X25519 (crypto_box), one per corruption officer. K is sealed to each
//                     officer's public key (crypto_box_seal): submitting needs no officer.
//   wrapped secret    the officer's private key encrypted under a key derived from their
//                     password (argon2id, crypto_pwhash): the database alone cannot open it.
//   session copy      after the officer unlocks with their password, the private key is kept
//                     encrypted under a key derived from the session token, which only the
//                     officer's cookie holds (the store keeps the token's hash).
//   citizen copy      K encrypted under a key derived from the receipt code (100 random bits),
//                     so the citizen reads and writes with the code alone.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace prongsai::cases::sealing {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSaltBytes = 16;  // crypto_pwhash_SALTBYTES

std::string random_key();

// nonce || ciphertext; open() is nullopt for a wrong key or altered bytes.
std::string encrypt(std::string_view key, std::string_view plaintext);
std::optional<std::string> decrypt(std::string_view key, std::string_view sealed);

struct KeyPair {
  std::string public_key, secret_key;
};
KeyPair key_pair();
std::string seal_to(std::string_view public_key, std::string_view message);
std::optional<std::string> open_sealed(const KeyPair& keys, std::string_view sealed);

// A key from a password: argon2id with the INTERACTIVE limits (~0.1 s, 64 MiB; worker pool).
std::string new_salt();
std::string password_key(std::string_view password, std::string_view salt);
// The same with the MODERATE limits (~0.7 s, 256 MiB): for a key file kept offline, which only
// its passphrase guards once copied.
std::string passphrase_key(std::string_view passphrase, std::string_view salt);
// Keys from high-entropy secrets (a receipt code, a session token): BLAKE2b, one domain each.
std::string receipt_key(std::string_view code);
std::string session_key(std::string_view token);

}  // namespace prongsai::cases::sealing
