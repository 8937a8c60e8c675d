// See sealing.hpp.
#include "modules/cases/sealing.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/crypto.hpp"

namespace prongsai::cases::sealing {

static_assert(kSaltBytes == crypto_pwhash_SALTBYTES);

namespace {

const unsigned char* u(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* u(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

std::string derive(std::string_view domain, std::string_view secret) {
  std::string key(kKeyBytes, '\0');
  crypto_generichash_state st;
  crypto_generichash_init(&st, u(domain), domain.size(), kKeyBytes);
  crypto_generichash_update(&st, u(secret), secret.size());
  crypto_generichash_final(&st, u(key), key.size());
  return key;
}

}  // namespace

std::string random_key() {
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  crypto_secretbox_keygen(u(key));
  return key;
}

std::string encrypt(std::string_view key, std::string_view plaintext) {
  if (key.size() != crypto_secretbox_KEYBYTES) throw std::invalid_argument("sealing::encrypt: bad key size");
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  randombytes_buf(u(out), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(u(out) + crypto_secretbox_NONCEBYTES, u(plaintext), plaintext.size(), u(out), u(key));
  return out;
}

std::optional<std::string> decrypt(std::string_view key, std::string_view sealed) {
  if (key.size() != crypto_secretbox_KEYBYTES ||
      sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return std::nullopt;
  std::string out(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(u(out), u(sealed) + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, u(sealed), u(key)) != 0)
    return std::nullopt;
  return out;
}

KeyPair key_pair() {
  KeyPair k{std::string(crypto_box_PUBLICKEYBYTES, '\0'), std::string(crypto_box_SECRETKEYBYTES, '\0')};
  crypto_box_keypair(u(k.public_key), u(k.secret_key));
  return k;
}

std::string seal_to(std::string_view public_key, std::string_view message) {
  if (public_key.size() != crypto_box_PUBLICKEYBYTES) throw std::invalid_argument("sealing::seal_to: bad key");
  std::string out(crypto_box_SEALBYTES + message.size(), '\0');
  crypto_box_seal(u(out), u(message), message.size(), u(public_key));
  return out;
}

std::optional<std::string> open_sealed(const KeyPair& keys, std::string_view sealed) {
  if (sealed.size() < crypto_box_SEALBYTES || keys.public_key.size() != crypto_box_PUBLICKEYBYTES ||
      keys.secret_key.size() != crypto_box_SECRETKEYBYTES)
    return std::nullopt;
  std::string out(sealed.size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(u(out), u(sealed), sealed.size(), u(keys.public_key), u(keys.secret_key)) != 0)
    return std::nullopt;
  return out;
}

std::string new_salt() {
  std::string salt(crypto_pwhash_SALTBYTES, '\0');
  randombytes_buf(u(salt), salt.size());
  return salt;
}

namespace {
std::string pwhash(std::string_view password, std::string_view salt, unsigned long long ops, std::size_t mem) {
  if (salt.size() != crypto_pwhash_SALTBYTES) throw std::invalid_argument("sealing: bad salt");
  std::string key(kKeyBytes, '\0');
  crypto::HashingTurn turn;
  if (crypto_pwhash(u(key), key.size(), password.data(), password.size(), u(salt), ops, mem,
                    crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("sealing: out of memory for argon2id");
  return key;
}
}  // namespace

std::string password_key(std::string_view password, std::string_view salt) {
  return pwhash(password, salt, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

std::string passphrase_key(std::string_view passphrase, std::string_view salt) {
  return pwhash(passphrase, salt, crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE);
}

std::string receipt_key(std::string_view code) { return derive("prongsai receipt key v1", code); }
std::string session_key(std::string_view token) { return derive("prongsai officer session key v1", token); }

}  // namespace prongsai::cases::sealing
