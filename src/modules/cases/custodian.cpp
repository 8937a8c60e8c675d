// See custodian.hpp.
#include "modules/cases/custodian.hpp"

#include <sodium.h>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace prongsai::cases::custodian {
namespace {

using nlohmann::json;

constexpr std::string_view kKeyFileFormat = "prongsai-custodian-key/1";
constexpr std::string_view kRequestFormat = "prongsai-custodian-request/1";
constexpr std::string_view kAnswerFormat = "prongsai-custodian-answer/1";
constexpr std::size_t kPublicKeyBytes = crypto_box_PUBLICKEYBYTES;

Error bad(std::string_view key, std::string detail) {
  return Error::make(ErrorKind::invalid, std::string(key), std::move(detail));
}

// A base64 member of a JSON object, decoded; nullopt when missing, not a string or not base64.
std::optional<std::string> bytes_of(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return crypto::from_base64(it->get_ref<const std::string&>());
}

std::string string_of(const json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> integer_of(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

// The JSON object of a file of `format`: nullopt for anything else (not JSON, another format).
std::optional<json> object_of(std::string_view text, std::string_view format) {
  if (!text::is_valid_utf8(text)) return std::nullopt;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object() || string_of(j, "format") != format) return std::nullopt;
  return j;
}

json cases_json(const SealedKeys& cases) {
  json out = json::array();
  for (const auto& [id, sealed] : cases) out.push_back({{"case", id}, {"key", crypto::to_base64(sealed)}});
  return out;
}

std::optional<SealedKeys> cases_of(const json& j) {
  auto it = j.find("cases");
  if (it == j.end() || !it->is_array()) return std::nullopt;
  SealedKeys out;
  for (const json& c : *it) {
    if (!c.is_object()) return std::nullopt;
    auto id = integer_of(c, "case");
    auto key = bytes_of(c, "key");
    if (!id || *id <= 0 || !key || key->size() != crypto_box_SEALBYTES + sealing::kKeyBytes) return std::nullopt;
    out.emplace_back(*id, std::move(*key));
  }
  return out;
}

}  // namespace

std::string public_key_text(std::string_view public_key) {
  return std::string(kPublicKeyPrefix) + crypto::to_base64(public_key);
}

Result<std::string> parse_public_key(std::string_view text) {
  std::string compact;
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact.push_back(c);
  if (!compact.starts_with(kPublicKeyPrefix))
    return fail(Error::invalid_field("public_key", "error.custodian_key_format"));
  auto key = crypto::from_base64(std::string_view(compact).substr(kPublicKeyPrefix.size()));
  if (!key || key->size() != kPublicKeyBytes)
    return fail(Error::invalid_field("public_key", "error.custodian_key_format"));
  return *key;
}

std::string fingerprint(std::string_view public_key) {
  unsigned char hash[crypto_generichash_BYTES_MIN];
  static constexpr std::string_view kDomain = "prongsai key fingerprint v1";
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(public_key.data()), public_key.size(),
                     reinterpret_cast<const unsigned char*>(kDomain.data()), kDomain.size());
  std::string hex = text::ascii_upper(crypto::to_hex(std::string_view(reinterpret_cast<const char*>(hash), 10)));
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 4) {
    if (!out.empty()) out.push_back('-');
    out += hex.substr(i, 4);
  }
  return out;
}

Result<std::string> make_key_file(std::string_view name, std::string_view passphrase, const sealing::KeyPair& keys) {
  if (text::code_points(passphrase) < kMinPassphrase)
    return fail(Error::invalid_field("passphrase", "error.custodian_passphrase_short"));
  std::string salt = sealing::new_salt();
  json j = {
      {"format", kKeyFileFormat},
      {"name", std::string(name)},
      {"public_key", public_key_text(keys.public_key)},
      {"fingerprint", fingerprint(keys.public_key)},
      {"salt", crypto::to_base64(salt)},
      {"secret_key", crypto::to_base64(sealing::encrypt(sealing::passphrase_key(passphrase, salt), keys.secret_key))}};
  return j.dump(2) + "\n";
}

Result<KeyFile> open_key_file(std::string_view file, std::string_view passphrase) {
  auto j = object_of(file, kKeyFileFormat);
  if (!j) return fail(bad("error.custodian_key_file", "not a custodian key file"));
  auto public_key = parse_public_key(string_of(*j, "public_key"));
  auto salt = bytes_of(*j, "salt");
  auto wrapped = bytes_of(*j, "secret_key");
  if (!public_key || !salt || salt->size() != sealing::kSaltBytes || !wrapped)
    return fail(bad("error.custodian_key_file", "custodian key file malformed"));
  auto secret = sealing::decrypt(sealing::passphrase_key(passphrase, *salt), *wrapped);
  if (!secret) return fail(Error::invalid_field("passphrase", "error.custodian_passphrase"));
  return KeyFile{string_of(*j, "name"), {std::move(*public_key), std::move(*secret)}};
}

std::string request_json(const Request& r) {
  json j = {{"format", kRequestFormat},
            {"agency_id", r.agency_id},
            {"agency", r.agency},
            {"made", r.made},
            {"officer", {{"name", r.officer_name}, {"email", r.officer_email}}},
            {"officer_public_key", crypto::to_base64(r.officer_public_key)},
            {"officer_fingerprint", fingerprint(r.officer_public_key)},
            {"custodian_public_key", public_key_text(r.custodian_public_key)},
            {"cases", cases_json(r.cases)}};
  return j.dump(2) + "\n";
}

Result<Request> parse_request(std::string_view text) {
  auto j = object_of(text, kRequestFormat);
  if (!j) return fail(bad("error.custodian_request", "not a custodian request"));
  Request r;
  auto agency_id = integer_of(*j, "agency_id");
  auto officer_key = bytes_of(*j, "officer_public_key");
  auto custodian_key = parse_public_key(string_of(*j, "custodian_public_key"));
  auto cases = cases_of(*j);
  auto officer = j->find("officer");
  if (!agency_id || !officer_key || officer_key->size() != kPublicKeyBytes || !custodian_key || !cases ||
      officer == j->end() || !officer->is_object())
    return fail(bad("error.custodian_request", "custodian request malformed"));
  r.agency_id = *agency_id;
  r.agency = string_of(*j, "agency");
  r.made = string_of(*j, "made");
  r.officer_name = string_of(*officer, "name");
  r.officer_email = string_of(*officer, "email");
  r.officer_public_key = std::move(*officer_key);
  r.custodian_public_key = std::move(*custodian_key);
  r.cases = std::move(*cases);
  return r;
}

Result<Answer> answer(const Request& request, const sealing::KeyPair& custodian) {
  if (!crypto::equal(request.custodian_public_key, custodian.public_key))
    return fail(bad("error.custodian_not_ours", "request made for another custodian key"));
  Answer a{request.agency_id, request.officer_public_key, {}};
  for (const auto& [id, sealed] : request.cases) {
    auto key = sealing::open_sealed(custodian, sealed);
    if (!key) return fail(bad("error.custodian_request", "case " + std::to_string(id) + " does not open"));
    a.cases.emplace_back(id, sealing::seal_to(request.officer_public_key, *key));
    sodium_memzero(key->data(), key->size());
  }
  return a;
}

std::string answer_json(const Answer& a) {
  json j = {{"format", kAnswerFormat},
            {"agency_id", a.agency_id},
            {"officer_public_key", crypto::to_base64(a.officer_public_key)},
            {"officer_fingerprint", fingerprint(a.officer_public_key)},
            {"cases", cases_json(a.cases)}};
  return j.dump(2) + "\n";
}

Result<Answer> parse_answer(std::string_view text) {
  auto j = object_of(text, kAnswerFormat);
  if (!j) return fail(Error::invalid_field("answer", "error.custodian_answer"));
  auto agency_id = integer_of(*j, "agency_id");
  auto officer_key = bytes_of(*j, "officer_public_key");
  auto cases = cases_of(*j);
  if (!agency_id || !officer_key || officer_key->size() != kPublicKeyBytes || !cases)
    return fail(Error::invalid_field("answer", "error.custodian_answer"));
  return Answer{*agency_id, std::move(*officer_key), std::move(*cases)};
}

}  // namespace prongsai::cases::custodian
