// The outside custodian of the corruption channel, and the files that pass between it and an
// officer. Nothing here touches the database: service.cpp keeps the custodian's public key and
// the case keys sealed to it; the `prongsai custodian` commands run these on the custodian's
// own computer, offline, where its private key lives.
//
//   key file   made by `prongsai custodian keygen`: the custodian's name, its public key, and
//              its private key encrypted under a passphrase (argon2id, MODERATE limits). It
//              never goes to the agency.
//   public key what the admin registers: "prongsai-custodian-1:" and the key in base64. Both
//              sides read its fingerprint aloud to check it (20 hex digits, BLAKE2b).
//   request    an officer who lacks cases' keys (the one before them left without handing
//              over) downloads one: the agency, the officer's public key, and the keys of the
//              cases they lack as sealed to the custodian. It reveals nothing without the
//              custodian's private key.
//   answer     the custodian opens the request's keys and seals them to the officer's public
//              key, after checking that key's fingerprint with the officer (by telephone, at a
//              number the custodian knows). The officer uploads it; the server opens each key
//              with the officer's own and keeps it only if it opens its case.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "modules/cases/sealing.hpp"

namespace prongsai::cases::custodian {

constexpr std::string_view kPublicKeyPrefix = "prongsai-custodian-1:";
constexpr std::size_t kMinPassphrase = 12;

std::string public_key_text(std::string_view public_key);
// The key from what was pasted (spaces and line breaks forgiven); error.custodian_key_format.
Result<std::string> parse_public_key(std::string_view text);
// "3F2A-9C01-77B0-E4D2-1A8C": to read aloud and compare.
std::string fingerprint(std::string_view public_key);

struct KeyFile {
  std::string name;
  sealing::KeyPair keys;
};
// A new key pair in a key file under `passphrase` (at least kMinPassphrase characters).
Result<std::string> make_key_file(std::string_view name, std::string_view passphrase, const sealing::KeyPair& keys);
// error.custodian_key_file (not a key file), error.custodian_passphrase (wrong passphrase).
Result<KeyFile> open_key_file(std::string_view file, std::string_view passphrase);

using SealedKeys = std::vector<std::pair<std::int64_t, std::string>>;  // case id, sealed key

struct Request {
  std::int64_t agency_id = 0;
  std::string agency;  // its name
  std::string officer_name, officer_email, officer_public_key;
  std::string custodian_public_key;
  std::string made;  // the day it was made, ISO
  SealedKeys cases;  // sealed to the custodian
};
std::string request_json(const Request& r);
// error.custodian_request: not a request, or malformed.
Result<Request> parse_request(std::string_view text);

struct Answer {
  std::int64_t agency_id = 0;
  std::string officer_public_key;
  SealedKeys cases;  // sealed to the officer
};
// Opens every key of the request with the custodian's and seals it to the officer's:
// error.custodian_not_ours when the request was made for another custodian's key,
// error.custodian_request when a key does not open.
Result<Answer> answer(const Request& request, const sealing::KeyPair& custodian);
std::string answer_json(const Answer& a);
// error.custodian_answer: not an answer, or malformed.
Result<Answer> parse_answer(std::string_view text);

}  // namespace prongsai::cases::custodian
