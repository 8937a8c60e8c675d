// Response::file's Content-Disposition (RFC 6266): a plain ASCII name as it is; any other with
// an ASCII fallback and the UTF-8 name; nothing in a name can end the quoted string.
#include <gtest/gtest.h>

#include "http/message.hpp"

namespace prongsai::http {
namespace {

TEST(ResponseFile, NamesTheFileSoEveryBrowserSavesItUnderThatName) {
  Response r = Response::file("a,b\r\n", "text/csv; charset=utf-8", "statistics-2570.csv");
  EXPECT_EQ(r.body, "a,b\r\n");
  EXPECT_EQ(r.find_header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.find_header("Content-Disposition"), "attachment; filename=\"statistics-2570.csv\"");

  EXPECT_EQ(content_disposition(Response::Disposition::shown, "แผน 2570.pdf"),
            "inline; filename=\"___ 2570.pdf\"; filename*=UTF-8''%E0%B9%81%E0%B8%9C%E0%B8%99%202570.pdf");
  EXPECT_EQ(content_disposition(Response::Disposition::attachment, "a\"b\\c\r.txt"),
            "attachment; filename=\"a_b_c_.txt\"; filename*=UTF-8''a%22b%5Cc%0D.txt");
}

}  // namespace
}  // namespace prongsai::http
