// Tokens, hashes and password hashing.
#include "core/crypto.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

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

// A server's many workers signing people in at once hash at most one password per core at a
// time (each holds 64 MiB while it runs); the rest wait, and every answer is still right.
TEST(Crypto, NoMorePasswordsAreHashedAtOnceThanThereAreCores) {
  init();
  std::string hash = hash_password("รหัสผ่านยาวพอ");
  const unsigned threads = 3 * hashing_slots();
  std::atomic<unsigned> right{0}, most{0};
  std::atomic<bool> done{false};
  std::thread watch([&] {
    while (!done) {
      unsigned now = hashing_running();
      if (now > most) most = now;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });
  std::vector<std::thread> signing_in;
  for (unsigned i = 0; i < threads; ++i)
    signing_in.emplace_back([&, i] { right += verify_password(hash, i % 2 ? "รหัสผ่านยาวพอ" : "ผิด") == (i % 2 == 1); });
  for (auto& t : signing_in) t.join();
  done = true;
  watch.join();
  EXPECT_EQ(right, threads);
  EXPECT_GE(most, 1u);
  EXPECT_LE(most, hashing_slots());
  EXPECT_EQ(hashing_running(), 0u);
}

}  // namespace
}  // namespace prongsai::crypto
