// A citizen's PDF loses who made it, and a PDF built to exhaust memory costs a child process,
// never the server.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <utility>
#include <vector>

#include "files/files.hpp"

namespace prongsai::files {
namespace {

// A PDF of numbered objects with a classic cross-reference table.
struct PdfBuilder {
  std::string out = "%PDF-1.6\n%\xe2\xe3\xcf\xd3\n";
  std::vector<std::pair<int, std::size_t>> offsets;

  void object(int n, const std::string& body) {
    offsets.emplace_back(n, out.size());
    out += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
  }
  static std::string stream(const std::string& dict, const std::string& data) {
    return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
  }
  // The cross-reference section for the objects written since the last one, and its trailer.
  std::size_t xref(const std::string& trailer) {
    std::size_t at = out.size();
    out += "xref\n0 1\n0000000000 65535 f \n";
    for (const auto& [n, offset] : offsets) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
      out += std::to_string(n) + " 1\n" + line;
    }
    offsets.clear();
    out += "trailer\n<< " + trailer + " >>\nstartxref\n" + std::to_string(at) + "\n%%EOF\n";
    return at;
  }
};

TEST(Pdf, APdfLosesItsAuthorsXmpCommentNamesAndEarlierRevisions) {
  PdfBuilder b;
  b.object(1, "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>");
  b.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  b.object(3,
           "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /PieceInfo << /Word << "
           "/LastModified (D:20261130081500) /Private (C:\\\\Users\\\\somchai) >> >> /Annots [<< /Type /Annot "
           "/Subtype /Text /Rect [0 0 10 10] /T (Somchai Jaidee) /Contents (see the receipt) >>] >>");
  b.object(4, PdfBuilder::stream("", "BT (OLD-REVISION-SECRET) Tj ET"));
  b.object(5, PdfBuilder::stream("/Type /Metadata /Subtype /XML",
                                 "<x:xmpmeta><dc:creator>Somchai Jaidee</dc:creator>"
                                 "<xmp:CreatorTool>Microsoft Word</xmp:CreatorTool></x:xmpmeta>"));
  b.object(6, "<< /Author (Somchai Jaidee) /Creator (Microsoft Word) /CreationDate (D:20261130081500+07'00') >>");
  std::size_t first = b.xref("/Size 7 /Root 1 0 R /Info 6 0 R /ID [<0badc0ffee> <0badc0ffee>]");
  // Saved again: the page's text changed, the old text still in the file.
  b.object(4, PdfBuilder::stream("", "BT (NEW-TEXT) Tj ET"));
  b.xref("/Size 7 /Root 1 0 R /Info 6 0 R /Prev " + std::to_string(first) + " /ID [<0badc0ffee> <0badc0ffee>]");
  ASSERT_NE(b.out.find("OLD-REVISION-SECRET"), std::string::npos);

  auto kind = sniff(b.out);
  ASSERT_TRUE(kind);
  auto clean = strip_metadata(b.out, *kind);
  ASSERT_TRUE(clean) << clean.error().message_key;
  EXPECT_TRUE(clean->starts_with("%PDF-"));
  for (std::string_view gone : {"Somchai", "Microsoft Word", "20261130", "OLD-REVISION-SECRET", "somchai", "0badc0ffee",
                                "/Info", "/Metadata", "/PieceInfo"})
    EXPECT_EQ(clean->find(gone), std::string::npos) << gone;
  EXPECT_NE(clean->find("NEW-TEXT"), std::string::npos) << "what the page shows stays";
  EXPECT_NE(clean->find("see the receipt"), std::string::npos) << "a comment keeps its words, not its author";
  EXPECT_EQ(strip_metadata(*clean, *kind).value(), *clean) << "the same file again is the same bytes";
  EXPECT_FALSE(keeps_metadata(*kind));
}

// What qpdf cannot read at all is kept as it came (the form warns that a PDF may keep its
// author only for such files); the server is not the one reading it.
TEST(Pdf, APdfQpdfCannotReadComesBackAsItCame) {
  std::string odd = "%PDF-1.4\n% a scanner's idea of a PDF\n%%EOF\n";
  auto r = strip_pdf(odd);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, odd);
}

// Half a megabyte of deflate that asks for 512 MB when its object stream is read: the child runs out of
// its own memory and the file is refused; the test process (the server) never inflates it.
TEST(Pdf, AnInflationBombCostsTheChildNotTheServer) {
  // The object stream: "2 0 " (object 2 at offset 0 past /First), the catalog, then 512 MB of spaces.
  std::string header = "2 0 ";
  std::string inflated = header + "<< /Type /Catalog /Pages 3 0 R >>";
  std::string compressed;
  {
    z_stream z{};
    ASSERT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15, 9, Z_RLE), Z_OK);  // runs of one byte: fast, ~1000:1
    std::string chunk(1 << 20, ' ');
    std::string out(1 << 16, '\0');
    auto pump = [&](const std::string& in, int flush) {
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      z.avail_in = static_cast<uInt>(in.size());
      do {
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        deflate(&z, flush);
        compressed.append(out.data(), out.size() - z.avail_out);
      } while (z.avail_out == 0);
    };
    pump(inflated, Z_NO_FLUSH);
    for (int i = 0; i < 512; ++i) pump(chunk, Z_NO_FLUSH);
    pump(std::string(), Z_FINISH);
    deflateEnd(&z);
  }
  ASSERT_LT(compressed.size(), 2u << 20);

  std::string pdf = "%PDF-1.6\n%\xe2\xe3\xcf\xd3\n";
  std::size_t at1 = pdf.size();
  pdf += "1 0 obj\n<< /Type /ObjStm /N 1 /First " + std::to_string(header.size()) + " /Filter /FlateDecode /Length " +
         std::to_string(compressed.size()) + " >>\nstream\n" + compressed + "\nendstream\nendobj\n";
  std::size_t at3 = pdf.size();
  pdf += "3 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";
  std::size_t at4 = pdf.size();
  // The cross-reference stream: type (1 byte), field 2 (4 bytes), field 3 (2 bytes).
  auto entry = [](int type, std::size_t f2, int f3) {
    std::string e(7, '\0');
    e[0] = static_cast<char>(type);
    for (int i = 0; i < 4; ++i) e[1 + i] = static_cast<char>((f2 >> (8 * (3 - i))) & 0xff);
    e[5] = static_cast<char>((f3 >> 8) & 0xff);
    e[6] = static_cast<char>(f3 & 0xff);
    return e;
  };
  std::string table = entry(0, 0, 65535) + entry(1, at1, 0) + entry(2, 1, 0) + entry(1, at3, 0) + entry(1, at4, 0);
  pdf += "4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 2 0 R /Length " + std::to_string(table.size()) +
         " >>\nstream\n" + table + "\nendstream\nendobj\nstartxref\n" + std::to_string(at4) + "\n%%EOF\n";

  auto r = strip_pdf(pdf);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.pdf_refused");
  EXPECT_EQ(r.error().field, "attachments");
}

}  // namespace
}  // namespace prongsai::files
