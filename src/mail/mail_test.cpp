// Messages as they go on the wire (Thai subject and body survive any relay; no header can be
// injected), and the SMTP transport against a local sink: delivered; refused without STARTTLS
// when STARTTLS is required; an error, not a hang, when the server is down.
#include "mail/mail.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <regex>

#include "testing/smtp_sink.hpp"

namespace prongsai::mail {
namespace {

std::string unbase64(const std::string& b64) {
  std::string out(b64.size(), '\0');
  std::size_t len = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), "\r\n ",
                              &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  out.resize(len);
  return out;
}

// The subject's encoded words, decoded and joined.
std::string subject_of(const std::string& wire) {
  std::string out;
  static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=)");
  auto start = wire.find("Subject: "), end = wire.find("\r\nMessage-ID:");
  std::string header = wire.substr(start, end - start);
  for (std::sregex_iterator it(header.begin(), header.end(), kWord), stop; it != stop; ++it) out += unbase64((*it)[1]);
  return out;
}

const Message kReminder{"staff@example.org", "แจ้งเตือน: รายงานความก้าวหน้ามาตรการ O12 ครบกำหนดวันที่ 31 ธันวาคม 2566",
                        "เรียน เจ้าหน้าที่กองคลัง\n\nรายงานความก้าวหน้ามาตรการ O12 ครบกำหนดวันนี้\n"};

TEST(Mail, ThaiSubjectAndBodyGoAsEncodedWordsAndBase64) {
  std::string wire = format(kReminder, "โปร่งใส อบต.นาหม่อม <noreply@namom.go.th>", 1'700'000'000, "x1@namom.go.th");
  EXPECT_NE(wire.find("Date: Wed, 15 Nov 2023 05:13:20 +0700\r\n"), std::string::npos) << wire;
  EXPECT_NE(wire.find("To: <staff@example.org>\r\n"), std::string::npos);
  EXPECT_NE(wire.find(" <noreply@namom.go.th>\r\n"), std::string::npos);
  EXPECT_NE(wire.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n"),
            std::string::npos);
  EXPECT_EQ(subject_of(wire), kReminder.subject);
  for (std::size_t at = 0, end; (end = wire.find("\r\n", at)) != std::string::npos; at = end + 2)
    EXPECT_LE(end - at, 78u) << "line length (RFC 5322 §2.1.1)";
  EXPECT_EQ(wire.find('\n', 0) - 1, wire.find("\r\n")) << "CRLF line ends";
  std::string body = wire.substr(wire.find("\r\n\r\n") + 4);
  EXPECT_EQ(unbase64(body), kReminder.body);
  // A subject with a line break cannot add a header: it is inside an encoded word.
  Message evil = kReminder;
  evil.subject = "hi\r\nBcc: all@example.org";
  EXPECT_EQ(format(evil, "noreply@namom.go.th", 0, "x").find("\r\nBcc:"), std::string::npos);
}

TEST(Mail, AddressesAreOneMailboxEach) {
  EXPECT_TRUE(plausible_address("somchai.j@namom.go.th"));
  for (std::string bad : {"", "no-at", "a@", "@b", "a@b@c", "a b@c.th", "a@b.th\r\nBcc: x@y", "<a@b.th>", "a,b@c.th"})
    EXPECT_FALSE(plausible_address(bad)) << bad;
  EXPECT_EQ(address_of("Prongsai <noreply@namom.go.th>"), "noreply@namom.go.th");
  EXPECT_EQ(address_of("noreply@namom.go.th"), "noreply@namom.go.th");
}

TEST(Smtp, DeliversToTheServerAndRefusesWhatItShouldNot) {
  testing::SmtpSink sink;
  Config c{sink.url(), false, "", "", "Prongsai <noreply@namom.go.th>", 5};
  SmtpTransport smtp(c);
  ASSERT_TRUE(smtp.send(kReminder));
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(sink.recipients()[0], "RCPT TO:<staff@example.org>");
  EXPECT_EQ(subject_of(sink.messages()[0]), kReminder.subject);

  Message bad = kReminder;
  bad.to = "staff@example.org>\r\nRCPT TO:<all@example.org";
  EXPECT_FALSE(smtp.send(bad));

  c.starttls = true;  // the sink offers no STARTTLS: nothing goes in clear
  EXPECT_FALSE(SmtpTransport(c).send(kReminder));
  EXPECT_EQ(sink.messages().size(), 1u);

  sink.close();
  c.starttls = false;
  auto down = SmtpTransport(c).send(kReminder);
  ASSERT_FALSE(down);
  EXPECT_FALSE(down.error().detail.empty());
  EXPECT_EQ(sink.messages().size(), 1u);
}

}  // namespace
}  // namespace prongsai::mail
