// Tokens, hashes and password hashing.
#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace prongsai::crypto {
namespace {

TEST(Crypto, TokensAreUrlSafeAndDistinct) {
  init();
  std::string a = random_token(32), b = random_token(32);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
}

TEST(Crypto, Sha256MatchesAKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, Base64RoundTripsAndRefusesWhatIsNotBase64) {
  init();
  EXPECT_EQ(to_base64("foobar"), "Zm9vYmFy");  // RFC 4648 §10
  EXPECT_EQ(from_base64("Zm9vYg=="), "foob");
  EXPECT_EQ(from_base64("Zm9v\nYmFy "), "foobar") << "line breaks and spaces are ignored";
  EXPECT_EQ(from_base64(""), "");
  std::string bytes = random_bytes(80);
  EXPECT_EQ(from_base64(to_base64(bytes)), bytes);
  EXPECT_FALSE(from_base64("Zm9vYg"));    // unpadded
  EXPECT_FALSE(from_base64("Zm9v-_=="));  // URL-safe alphabet
  EXPECT_FALSE(from_base64("ไม่ใช่"));
}

TEST(Crypto, PasswordsVerifyOnlyWithTheRightPassword) {
  init();
  std::string hash = hash_password("รหัสผ่านยาวพอ");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(hash, "รหัสผ่านยาวพอ"));
  EXPECT_FALSE(verify_password(hash, "รหัสผ่านยาวพอ "));
  EXPECT_FALSE(verify_password("not a hash", "x"));
}

}  // namespace
}  // namespace prongsai::crypto
