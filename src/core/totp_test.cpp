// TOTP against RFC 6238's test vectors (SHA-1, eight digits), and the rules of a typed code.
#include "core/totp.hpp"

#include <gtest/gtest.h>

namespace prongsai::totp {
namespace {

const std::string kRfcSecret = "12345678901234567890";

TEST(Totp, MatchesTheRfc6238Vectors) {
  EXPECT_EQ(code_at(kRfcSecret, step_of(59), 8), "94287082");
  EXPECT_EQ(code_at(kRfcSecret, step_of(1111111109), 8), "07081804");
  EXPECT_EQ(code_at(kRfcSecret, step_of(1234567890), 8), "89005924");
  EXPECT_EQ(code_at(kRfcSecret, step_of(20000000000), 8), "65353130");
  EXPECT_EQ(code_at(kRfcSecret, step_of(59)), "287082") << "six digits: the last six";
}

TEST(Totp, ACodeIsGoodWithinAStepEitherSideAndOnlyOnce) {
  std::int64_t now = 1234567890;
  std::string code = code_at(kRfcSecret, step_of(now));
  EXPECT_EQ(verify(kRfcSecret, code, now, 0), step_of(now));
  EXPECT_EQ(verify(kRfcSecret, code.substr(0, 3) + " " + code.substr(3), now, 0), step_of(now)) << "spaces forgiven";
  EXPECT_EQ(verify(kRfcSecret, code, now + 30, 0), step_of(now)) << "a step late";
  EXPECT_EQ(verify(kRfcSecret, code, now - 30, 0), step_of(now)) << "a step early (the phone's clock ahead)";
  EXPECT_FALSE(verify(kRfcSecret, code, now + 90, 0)) << "three steps late";
  EXPECT_FALSE(verify(kRfcSecret, code, now, step_of(now))) << "used already";
  EXPECT_FALSE(verify(kRfcSecret, "12345", now, 0));
  EXPECT_FALSE(verify(kRfcSecret, "1234567", now, 0));
  EXPECT_FALSE(verify(kRfcSecret, "12a456", now, 0));
  EXPECT_FALSE(verify("", code, now, 0));
}

TEST(Totp, TheSecretTravelsAsBase32InAnOtpauthAddress) {
  EXPECT_EQ(base32("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32("f"), "MY");
  EXPECT_EQ(new_secret().size(), kSecretBytes);
  EXPECT_EQ(provisioning_uri(kRfcSecret, "Prongsai อบต.", "admin@example.org"),
            "otpauth://totp/Prongsai%20%E0%B8%AD%E0%B8%9A%E0%B8%95.:admin@example.org?secret="
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Prongsai%20%E0%B8%AD%E0%B8%9A%E0%B8%95.&algorithm=SHA1&digits=6&"
            "period=30");
}

}  // namespace
}  // namespace prongsai::totp
