// Form, cookie, path and route parsing: what the edge accepts and what it refuses.
#include "http/forms.hpp"

#include <gtest/gtest.h>

#include "http/cookies.hpp"
#include "http/router.hpp"

namespace prongsai::http {
namespace {

TEST(Forms, UrlencodedDecodesPlusPercentAndThai) {
  auto f = parse_urlencoded(
      "name=%E0%B8%AA%E0%B8%B3%E0%B8%99%E0%B8%B1%E0%B8%81+%E0%B8%9B%E0%B8%A5%E0%B8%B1%E0%B8%94&x=1&x=2&empty=", {});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value("name"), "สำนัก ปลัด");
  EXPECT_EQ(f->all("x"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(f->get("empty"), "");
  EXPECT_FALSE(f->has("missing"));
}

TEST(Forms, UrlencodedRefusesBadInput) {
  EXPECT_FALSE(parse_urlencoded("a=%FF%FE", {}));  // not UTF-8
  EXPECT_FALSE(parse_urlencoded("a=%00", {}));     // NUL
  FormLimits few;
  few.max_fields = 2;
  EXPECT_FALSE(parse_urlencoded("a=1&b=2&c=3", few));
}

const char* kBody =
    "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nรายงาน\r\n"
    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\fakepath\\\\scan;1.pdf\"\r\n"
    "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\nbinary\r\n"
    "--XyZ\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\r\n\r\n"
    "--XyZ--\r\n";

TEST(Forms, MultipartReadsFieldsAndFiles) {
  auto f = parse_form("multipart/form-data; boundary=XyZ", kBody, {});
  ASSERT_TRUE(f) << f.error().detail;
  EXPECT_EQ(f->value("title"), "รายงาน");
  ASSERT_EQ(f->files().size(), 1u);
  EXPECT_EQ(f->files()[0].filename, "scan;1.pdf");
  EXPECT_EQ(f->files()[0].data, "%PDF-1.4\r\nbinary");
}

TEST(Forms, MultipartRefusesMalformedBodies) {
  EXPECT_FALSE(parse_form("multipart/form-data", kBody, {}));  // no boundary
  EXPECT_FALSE(parse_form("multipart/form-data; boundary=XyZ", "--XyZ\r\nno headers", {}));
  EXPECT_FALSE(parse_form("multipart/form-data; boundary=XyZ",
                          "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated", {}));
  FormLimits one;
  one.max_parts = 1;
  EXPECT_FALSE(parse_form("multipart/form-data; boundary=XyZ", kBody, one));
  EXPECT_EQ(parse_form("application/json", "{}", {}).error().kind, ErrorKind::unsupported_type);
}

TEST(Cookies, ParseAndWrite) {
  EXPECT_EQ(find_cookie("a=1; prongsai_session=abc; b=2", "prongsai_session"), "abc");
  EXPECT_EQ(find_cookie("a=1;b=\"q\"", "b"), "q");
  EXPECT_FALSE(find_cookie("a=1", "prongsai_session"));
  EXPECT_EQ(set_cookie("s", "v", {true, SameSite::lax, 0}),
            "__Host-s=v; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0");
}

TEST(Paths, DecodeRefusesControlAndBadUtf8) {
  EXPECT_EQ(decode_path("/ita/2566/O23"), "/ita/2566/O23");
  EXPECT_EQ(decode_path("/%E0%B8%81"), "/ก");
  EXPECT_FALSE(decode_path("/a%00b"));
  EXPECT_FALSE(decode_path("/%FF"));
  EXPECT_FALSE(decode_path("/%4"));
  EXPECT_FALSE(decode_path("relative"));
  EXPECT_TRUE(is_local_redirect("/staff"));
  EXPECT_FALSE(is_local_redirect("//evil.example"));
  EXPECT_FALSE(is_local_redirect("https://evil.example"));
  EXPECT_FALSE(is_local_redirect("/\\evil.example"));
  EXPECT_FALSE(is_local_redirect("/\t/evil.example"));  // ?next=/%09/evil.example, decoded
  EXPECT_FALSE(is_local_redirect("/\n/evil.example"));
  EXPECT_FALSE(is_local_redirect("/\r\n/evil.example"));
  EXPECT_FALSE(is_local_redirect("/x\\..\\/evil"));
  EXPECT_FALSE(is_local_redirect(std::string("/\0/evil.example", 16)));
  EXPECT_FALSE(is_local_redirect("/\x7f/evil.example"));
  EXPECT_FALSE(is_local_redirect(""));
  EXPECT_FALSE(is_local_redirect("evil.example"));
  EXPECT_TRUE(is_local_redirect("/complaints/inbox?channel=corruption"));
  EXPECT_TRUE(is_local_redirect("/ita/2570#O1"));
}

TEST(Request, AClientIsItsAddressOrItsIpv6Slash64) {
  EXPECT_EQ(client_key("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(client_key("::ffff:203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(client_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(client_key("2001:db8:1:2::9"), client_key("2001:db8:1:2:ffff::1"));
  EXPECT_NE(client_key("2001:db8:1:2::9"), client_key("2001:db8:1:3::9"));
  EXPECT_EQ(client_key("not an address"), "not an address");
}

TEST(Router, MatchesSegmentsAndTails) {
  Router r;
  auto ok = [](Request&) { return Response::text("ok"); };
  r.add(Route(Method::get, "/admin/users/{id}", Access::signed_in(), ok));
  r.add(Route(Method::get, "/assets/{path...}", Access::anyone(), ok));
  auto m = r.match(Method::get, "/admin/users/42");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params["id"], "42");
  EXPECT_FALSE(r.match(Method::get, "/admin/users/").route);
  EXPECT_FALSE(r.match(Method::get, "/admin/users/1/x").route);
  EXPECT_TRUE(r.match(Method::post, "/admin/users/1").method_mismatch);
  EXPECT_EQ(r.match(Method::head, "/assets/fonts/a.woff2").params["path"], "fonts/a.woff2");
}

TEST(Access, RulesAllowOnlyWhomTheyName) {
  Principal staff;
  staff.roles = {Role::staff};
  EXPECT_TRUE(Access::anyone().allows(nullptr));
  EXPECT_FALSE(Access::signed_in().allows(nullptr));
  EXPECT_TRUE(Access::signed_in().allows(&staff));
  EXPECT_FALSE(Access::roles({Role::admin}).allows(&staff));
  EXPECT_TRUE(Access::roles({Role::admin, Role::staff}).allows(&staff));
}

}  // namespace
}  // namespace prongsai::http
