// Files are what their bytes say: accepted kinds, refused disguises and bombs, safe names,
// stored once per agency on both backends, and served so a browser never runs them.
#include "files/files.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "documents/table_report.hpp"
#include "documents/xml.hpp"
#include "testing/testing.hpp"

namespace prongsai::files {
namespace {

std::string docx() {
  documents::TableReport r;
  r.columns = {{"ก", 1, false}};
  r.rows = {{{"ข"}}};
  return documents::render_docx(r);
}

// The kind's extension, or what refused it.
std::string ext(std::string_view data) {
  auto k = sniff(data);
  return k ? std::string(k->extension) : "refused: " + k.error().message_key;
}

TEST(Sniff, KnowsEachAcceptedKindByItsBytes) {
  EXPECT_EQ(ext("%PDF-1.7\n..."), "pdf");
  EXPECT_EQ(ext(std::string("\x89PNG\r\n\x1a\n....", 12)), "png");
  EXPECT_EQ(ext("\xFF\xD8\xFF\xE0...."), "jpg");
  EXPECT_EQ(ext("GIF89a...."), "gif");
  EXPECT_EQ(ext(std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)), "webp");
  EXPECT_EQ(ext(docx()), "docx");
  documents::TableReport r;
  r.columns = {{"ก", 1, false}};
  EXPECT_EQ(ext(documents::render_xlsx(r)), "xlsx");
  std::string odt = documents::zip_parts(
      {{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<office:document-content/>"}});
  // ODF names its type in the mimetype entry.
  EXPECT_EQ(ext(odt), "odt");
  std::string ods = documents::zip_parts({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}});
  EXPECT_EQ(ext(ods), "ods");
}

TEST(Sniff, KnowsRealFilesOfEachKind) {
  documents::TableReport r;
  r.columns = {{"ก", 1, false}};
  r.rows = {{{"ข้อความภาษาไทย"}}};
  std::string pdf = documents::render_pdf(r);
  EXPECT_EQ(ext(pdf), "pdf");
  // Real images, rendered from that PDF by poppler (to standard output).
  EXPECT_EQ(ext(testing::run_on_file("pdftoppm -r 10 -png -f 1 -l 1 {}", pdf)), "png");
  EXPECT_EQ(ext(testing::run_on_file("pdftoppm -r 10 -jpeg -f 1 -l 1 {}", pdf)), "jpg");
  // The smallest valid GIF and lossless WebP (1×1 pixel).
  EXPECT_EQ(ext(std::string("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00"
                            "\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
                            43)),
            "gif");
  EXPECT_EQ(ext(std::string("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88"
                            "\xfe\x07\x00",
                            34)),
            "webp");
  EXPECT_EQ(ext(documents::render_docx(r)), "docx");
  EXPECT_EQ(ext(documents::render_xlsx(r)), "xlsx");
  // A real file renamed is still what its bytes are; an image named .pdf is an image.
  http::Response png =
      download({"x", "scan.pdf", "application/pdf", 1}, testing::run_on_file("pdftoppm -r 10 -png -f 1 -l 1 {}", pdf));
  EXPECT_EQ(png.find_header("Content-Type"), "image/png");
}

TEST(Sniff, RefusesDisguisesAndBombs) {
  for (std::string bad : {std::string("<!doctype html><script>alert(1)</script>"), std::string("<svg onload=x>"),
                          std::string("MZ\x90\x00", 4), std::string("just text"), std::string(" %PDF-1.4")}) {
    auto r = sniff(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message_key, "error.file_type");
    EXPECT_EQ(r.error().field, "file");
  }
  EXPECT_EQ(sniff("").error().message_key, "error.file_empty");
  // A zip that is not an office document, and a DOCX that inflates past the bound.
  EXPECT_EQ(sniff(documents::zip_parts({{"a.txt", "hello"}})).error().message_key, "error.file_type");
  std::string bomb =
      documents::zip_parts({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", std::string(4 << 20, ' ')}});
  EXPECT_LT(bomb.size(), 50000u);
  EXPECT_TRUE(sniff(bomb));
  EXPECT_EQ(sniff(bomb, 1 << 20).error().message_key, "error.file_archive");
  std::string broken = docx().substr(0, 200);
  EXPECT_EQ(sniff(broken).error().message_key, "error.file_archive");
}

TEST(Check, EveryUploadAgainstItsFieldsPolicyInOneOrder) {
  std::string pdf = "%PDF-1.7\n...", gif = "GIF89a....";
  Policy images{.field = "images",
                .max_bytes = 20,
                .max_files = 2,
                .accepts = [](const Kind& k) { return k.content_type.starts_with("image/"); },
                .not_accepted = "error.not_an_image"};
  auto ok = check({{"", ""}, {"a.gif", gif}, {"", ""}}, images);
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->size(), 1u) << "empty file inputs are left out";
  EXPECT_EQ((*ok)[0].kind.extension, "gif");
  EXPECT_EQ((*ok)[0].data(), gif) << "the bytes as sent when nothing is stripped";
  auto refused = [&](std::vector<Upload> u, const Policy& p) {
    auto r = check(u, p);
    EXPECT_FALSE(r);
    EXPECT_EQ(r ? "" : r.error().field, p.field);
    return r ? std::string() : r.error().message_key;
  };
  EXPECT_EQ(refused({{"a.gif", gif}, {"b.gif", gif}, {"c.gif", gif}}, images), "error.too_many_files");
  EXPECT_EQ(refused({{"big.gif", gif + std::string(20, 'x')}}, images), "error.file_too_large");
  EXPECT_EQ(refused({{"page.html", "<html><script>"}}, images), "error.file_type");
  EXPECT_EQ(refused({{"a.pdf", pdf}}, images), "error.not_an_image");
  Policy staff{.field = "files", .name_in_detail = true};
  EXPECT_EQ(check({{"evil.pdf", "<html>"}}, staff).error().detail, "evil.pdf");
  EXPECT_NE(check({{"evil.pdf", "<html>"}}, images).error().detail, "evil.pdf") << "a citizen's file name stays out";
}

TEST(CleanName, KeepsThaiDropsPathsAndFixesTheExtension) {
  Kind pdf = sniff("%PDF-1.7").value();
  EXPECT_EQ(clean_name("C:\\Users\\nam\\รายงาน ไตรมาส 1.PDF", pdf), "รายงาน ไตรมาส 1.pdf");
  EXPECT_EQ(clean_name("../../etc/passwd", pdf), "passwd.pdf");
  EXPECT_EQ(clean_name("report.html", pdf), "report.html.pdf");
  EXPECT_EQ(clean_name("a\"b;c.pdf", pdf), "a_b_c.pdf");
  EXPECT_EQ(clean_name("", pdf), "file.pdf");
  EXPECT_EQ(clean_name(std::string("bad\x01name.pdf"), pdf), "file.pdf");
  EXPECT_EQ(text::code_points(clean_name(std::string(500, 'x'), pdf)), 124u);
}

TEST(Download, ShowsPdfInlineAndNeverHtml) {
  Ref pdf{"abc", "รายงาน.pdf", "application/pdf", 8};
  http::Response r = download(pdf, "%PDF-1.7");
  EXPECT_EQ(r.find_header("Content-Type"), "application/pdf");
  EXPECT_TRUE(
      r.find_header("Content-Disposition").starts_with("inline; filename=\"______.pdf\"; filename*=UTF-8''%E0"));
  EXPECT_NE(r.find_header("Content-Security-Policy").find("sandbox"), std::string::npos);
  // A record that claims HTML gets what the bytes are, as an attachment.
  Ref lying{"def", "x.html", "text/html", 10};
  http::Response h = download(lying, "<html>hi</html>");
  EXPECT_EQ(h.find_header("Content-Type"), "application/octet-stream");
  EXPECT_TRUE(h.find_header("Content-Disposition").starts_with("attachment"));
  EXPECT_EQ(download({"1", "a.docx", "", 1}, docx()).find_header("Content-Disposition").substr(0, 10), "attachment");
}

// The kind is found once, at upload: a download checks the first bytes against the stored type
// and inflates nothing (a stored office file whose archive would not even open still goes out
// as what it was found to be), while a record cannot make bytes another kind.
TEST(Download, TrustsTheKindFoundAtUploadWithoutInflatingAgain) {
  const std::string docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  http::Response office = download({"1", "a.docx", docx_type, 1}, std::string("PK\x03\x04 not an archive at all", 30));
  EXPECT_EQ(office.find_header("Content-Type"), docx_type);
  EXPECT_EQ(download({"2", "a.pdf", "application/pdf", 1}, docx()).find_header("Content-Type"),
            "application/octet-stream")
      << "an archive the record does not call an office file is not opened to find out";
  EXPECT_EQ(download({"3", "a.docx", docx_type, 1}, "%PDF-1.4").find_header("Content-Type"), "application/pdf");
}

TEST(Store, KeepsOneCopyPerAgencyAndHash) {
  auto f = testing::Fixture::make();
  std::string bytes = "%PDF-1.4 evidence";
  auto kind = sniff(bytes).value();
  for (int i = 0; i < 2; ++i) {
    f->app->store().write(store::Actor::cli(), [&](store::WriteTx& tx) -> Result<void> {
      tx.record(store::Change::create(f->agency_id, "test_file", {{"i", i}}));
      Ref ref = put(tx, f->agency_id, "a.pdf", bytes, kind);
      EXPECT_EQ(ref.sha256, crypto::sha256_hex(bytes));
      EXPECT_EQ(ref.size, static_cast<std::int64_t>(bytes.size()));
      return ok();
    });
  }
  f->app->store().read([&](store::ReadTx& tx) {
    EXPECT_EQ(tx.count("SELECT COUNT(*) FROM file_blobs"), 1);
    EXPECT_EQ(get(tx, f->agency_id, crypto::sha256_hex(bytes)), bytes);
    EXPECT_FALSE(get(tx, f->agency_id + 1, crypto::sha256_hex(bytes)));
    return 0;
  });
}

// A JPEG segment: marker, length, payload.
std::string segment(unsigned char marker, std::string_view payload) {
  std::size_t n = payload.size() + 2;
  return std::string("\xff", 1) + static_cast<char>(marker) + static_cast<char>(n >> 8) + static_cast<char>(n & 0xff) +
         std::string(payload);
}

// EXIF (little-endian, as phones write it) with Orientation 6 and a GPS IFD pointer.
std::string phone_exif() {
  std::string tiff("II\x2a\0\x08\0\0\0", 8);
  tiff += std::string("\x02\0", 2);                               // two entries
  tiff += std::string("\x12\x01\x03\0\x01\0\0\0\x06\0\0\0", 12);  // Orientation = 6
  tiff += std::string("\x25\x88\x04\0\x01\0\0\0\x26\0\0\0", 12);  // GPS IFD at 38
  tiff += std::string("\0\0\0\0", 4);
  tiff += "GPS 13.7563N 100.5018E Galaxy A14 SM-A145F 2026:12:05 14:37:21";
  return std::string("Exif\0\0", 6) + tiff;
}

TEST(Metadata, AJpegLosesExifGpsXmpAndCommentsAndKeepsItsOrientationAndPixels) {
  std::string scan = std::string("\xff\xda", 2) + std::string("\x00\x08\x01\x01\x00\x00\x3f\x00", 8) +
                     "entropy-coded pixels" + std::string("\xff\xd9", 2);
  std::string jpeg = std::string("\xff\xd8", 2) + segment(0xe0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14)) +
                     segment(0xe1, phone_exif()) +
                     segment(0xe1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>creator: Somchai</x:xmpmeta>") +
                     segment(0xe2, std::string("ICC_PROFILE\0\x01\x01profile", 21)) +
                     segment(0xed, "Photoshop 3.0\0IPTC byline Somchai") +
                     segment(0xfe, "taken at the district office") + segment(0xdb, std::string(65, '\x01')) + scan;
  auto kind = sniff(jpeg);
  ASSERT_TRUE(kind);
  auto out = strip_metadata(jpeg, *kind);
  ASSERT_TRUE(out) << out.error().message_key;
  for (std::string_view trace : {"GPS", "Galaxy", "2026:12:05", "Somchai", "district office", "xmpmeta"})
    EXPECT_EQ(out->find(trace), std::string::npos) << trace;
  // The same through an upload policy that strips: what is kept is the stripped file.
  auto checked = check({{"IMG_0001.jpg", jpeg}}, {.field = "attachments", .strip = true});
  ASSERT_TRUE(checked);
  EXPECT_EQ((*checked)[0].data(), *out);
  EXPECT_NE(out->find("JFIF"), std::string::npos);
  EXPECT_NE(out->find("ICC_PROFILE"), std::string::npos);
  EXPECT_NE(out->find(std::string(65, '\x01')), std::string::npos) << "the quantisation tables stay";
  EXPECT_TRUE(out->ends_with(scan)) << "the pixels as they were";
  // The orientation, alone in a big-endian EXIF block.
  auto exif = out->find("Exif");
  ASSERT_NE(exif, std::string::npos);
  EXPECT_EQ(out->substr(exif + 6, 4), std::string("MM\0\x2a", 4));
  EXPECT_EQ(out->substr(exif + 6 + 10, 2), "\x01\x12");
  EXPECT_EQ(out->substr(exif + 6 + 18, 2), std::string("\0\x06", 2));
  EXPECT_TRUE(sniff(*out)) << "still a JPEG";
  EXPECT_EQ(*strip_metadata(*out, *kind), *out) << "stripping twice changes nothing";
  // A photo taken upright keeps no EXIF at all.
  std::string upright = jpeg;
  upright[upright.find(std::string("\x12\x01\x03\0\x01\0\0\0\x06", 9)) + 8] = '\x01';
  EXPECT_EQ(strip_metadata(upright, *kind)->find("Exif"), std::string::npos);
  // Cut in the middle of its segments: damaged, not kept with its metadata.
  EXPECT_EQ(strip_metadata(jpeg.substr(0, 40), *kind).error().message_key, "error.file_damaged");
}

TEST(Metadata, APngLosesItsTextChunksAndAWebpItsExifAndXmp) {
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + testing::png_chunk("IHDR", std::string(13, '\x01')) +
                    testing::png_chunk("tEXt", std::string("Author\0Somchai", 14)) +
                    testing::png_chunk("eXIf", phone_exif()) + testing::png_chunk("iTXt", "XML:com.adobe.xmp GPS") +
                    testing::png_chunk("tIME", "2026125") + testing::png_chunk("IDAT", "pixels") +
                    testing::png_chunk("IEND", "");
  auto kind = sniff(png);
  ASSERT_TRUE(kind);
  auto out = strip_metadata(png, *kind);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, std::string("\x89PNG\r\n\x1a\n", 8) + testing::png_chunk("IHDR", std::string(13, '\x01')) +
                      testing::png_chunk("IDAT", "pixels") + testing::png_chunk("IEND", ""));
  // Cut short inside a text chunk: the whole chunks before it, not the cut one.
  std::string cut = png.substr(0, png.find("tEXt") + 10);
  EXPECT_EQ(*strip_metadata(cut, *kind),
            std::string("\x89PNG\r\n\x1a\n", 8) + testing::png_chunk("IHDR", std::string(13, '\x01')));

  auto riff = [](std::string_view type, std::string_view data) {
    std::size_t n = data.size();
    std::string out =
        std::string(type) + std::string{static_cast<char>(n), static_cast<char>(n >> 8), 0, 0} + std::string(data);
    if (n & 1) out += '\0';
    return out;
  };
  std::string body = "WEBP" + riff("VP8X", std::string("\x0c\0\0\0\0\0\0\0\0\0", 10)) + riff("VP8 ", "frame") +
                     riff("EXIF", phone_exif()) + riff("XMP ", "<x:xmpmeta>GPS</x:xmpmeta>");
  std::size_t n = body.size();
  std::string webp = "RIFF" + std::string{static_cast<char>(n), static_cast<char>(n >> 8), 0, 0} + body;
  auto webp_kind = sniff(webp);
  ASSERT_TRUE(webp_kind);
  auto clean = strip_metadata(webp, *webp_kind);
  ASSERT_TRUE(clean);
  EXPECT_EQ(clean->find("GPS"), std::string::npos);
  EXPECT_EQ(clean->find("EXIF"), std::string::npos);
  EXPECT_EQ((*clean)[20], '\0') << "VP8X no longer says it has EXIF or XMP";
  EXPECT_EQ(static_cast<std::size_t>(static_cast<unsigned char>((*clean)[4])), clean->size() - 8);
  EXPECT_FALSE(keeps_metadata(*kind));
}

}  // namespace
}  // namespace prongsai::files

namespace prongsai::files {
namespace {

// An office file keeps its content and loses who wrote and saved it, and where they work.
TEST(Metadata, OfficeFilesLoseTheirAuthorsCompanyAndTimes) {
  std::string document = "<w:document><w:body><w:p><w:r><w:t>ถนนชำรุดหน้าวัด</w:t></w:r></w:p></w:body></w:document>";
  std::string docx = documents::zip_parts({
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml", document},
      {"docProps/core.xml",
       "<cp:coreProperties><dc:creator>นายสมชาย ผู้ร้อง</dc:creator><cp:lastModifiedBy>สมชาย</cp:lastModifiedBy>"
       "<dcterms:created>2026-11-30T08:15:00Z</dcterms:created></cp:coreProperties>"},
      {"docProps/app.xml",
       "<Properties><Application>Microsoft Office Word</Application><Company>บริษัท ก่อสร้าง จำกัด</Company>"
       "<Manager>นายใหญ่</Manager><Pages>1</Pages></Properties>"},
  });
  ASSERT_EQ(ext(docx), "docx");
  auto kind = sniff(docx);
  auto clean = strip_metadata(docx, *kind);
  ASSERT_TRUE(clean);
  EXPECT_EQ(ext(*clean), "docx") << "still the same kind of file";
  EXPECT_EQ(documents::unzip_part(*clean, "word/document.xml"), document);
  for (std::string_view gone : {"สมชาย", "2026-11-30", "บริษัท", "นายใหญ่"})
    EXPECT_EQ(clean->find(gone), std::string::npos) << gone;
  auto app = documents::unzip_part(*clean, "docProps/app.xml");
  ASSERT_TRUE(app);
  EXPECT_NE(app->find("<Pages>1</Pages>"), std::string::npos) << "what names nobody stays";
  EXPECT_NE(app->find("<Application>"), std::string::npos);

  std::string odt = documents::zip_parts({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                          {"content.xml", "<office:document-content/>"},
                                          {"meta.xml",
                                           "<office:meta><meta:initial-creator>สมหญิง</meta:initial-creator>"
                                           "</office:meta>"}});
  auto odt_clean = strip_metadata(odt, *sniff(odt));
  ASSERT_TRUE(odt_clean);
  EXPECT_EQ(ext(*odt_clean), "odt");
  EXPECT_EQ(odt_clean->find("สมหญิง"), std::string::npos);
  EXPECT_TRUE(keeps_metadata(*kind)) << "tracked changes keep what was deleted: the form says so";
}

// Who made a tracked change or wrote a comment, and when, goes; what they wrote stays.
TEST(Metadata, OfficeCommentsAndTrackedChangesNameNobody) {
  std::string document =
      "<w:document><w:body><w:p><w:ins w:id=\"1\" w:author=\"นายสมชาย ผู้ร้อง\" w:date=\"2026-11-30T08:15:00Z\">"
      "<w:r><w:t>เพิ่มข้อความ</w:t></w:r></w:ins></w:p></w:body></w:document>";
  std::string comments =
      "<w:comments><w:comment w:id=\"0\" w:author=\"นายสมชาย ผู้ร้อง\" w:date=\"2026-11-30T08:16:00Z\" "
      "w:initials=\"สช\"><w:p><w:r><w:t>ดูใบเสร็จ</w:t></w:r></w:p></w:comment></w:comments>";
  std::string people =
      "<w15:people><w15:person w15:author=\"นายสมชาย ผู้ร้อง\"><w15:presenceInfo w15:providerId=\"AD\" "
      "w15:userId=\"somchai@example.org\"/></w15:person></w15:people>";
  std::string docx = documents::zip_parts({{"[Content_Types].xml", "<Types/>"},
                                           {"word/document.xml", document},
                                           {"word/comments.xml", comments},
                                           {"word/people.xml", people}});
  auto clean = strip_metadata(docx, *sniff(docx));
  ASSERT_TRUE(clean);
  for (const char* part : {"word/document.xml", "word/comments.xml", "word/people.xml"}) {
    auto xml = documents::unzip_part(*clean, part);
    ASSERT_TRUE(xml) << part;
    for (std::string_view gone : {"สมชาย", "2026-11-30", "สช", "somchai"})
      EXPECT_EQ(xml->find(gone), std::string::npos) << part << ": " << gone;
  }
  auto doc = *documents::unzip_part(*clean, "word/document.xml");
  EXPECT_NE(doc.find("w:author=\"ผู้เขียน\""), std::string::npos) << "the attribute Word requires stays";
  EXPECT_NE(doc.find("เพิ่มข้อความ"), std::string::npos);
  EXPECT_NE(documents::unzip_part(*clean, "word/comments.xml")->find("ดูใบเสร็จ"), std::string::npos);

  std::string xlsx = documents::zip_parts(
      {{"[Content_Types].xml", "<Types/>"},
       {"xl/workbook.xml", "<workbook/>"},
       {"xl/comments1.xml",
        "<comments><authors><author>สมหญิง ใจดี</author></authors><commentList><comment ref=\"A1\" authorId=\"0\">"
        "<text><t>ตัวเลขนี้ผิด</t></text></comment></commentList></comments>"},
       {"xl/persons/person.xml",
        "<personList><person displayName=\"สมหญิง ใจดี\" id=\"{1}\" userId=\"somying@example.org\" "
        "providerId=\"AD\"/></personList>"},
       {"xl/threadedComments/threadedComment1.xml",
        "<ThreadedComments><threadedComment ref=\"A1\" dT=\"2026-11-30T08:17:00\" personId=\"{1}\" id=\"{2}\">"
        "<text>ตัวเลขนี้ผิด</text></threadedComment></ThreadedComments>"}});
  auto sheet = strip_metadata(xlsx, *sniff(xlsx));
  ASSERT_TRUE(sheet);
  for (const char* part : {"xl/comments1.xml", "xl/persons/person.xml", "xl/threadedComments/threadedComment1.xml"}) {
    auto xml = documents::unzip_part(*sheet, part);
    ASSERT_TRUE(xml) << part;
    for (std::string_view gone : {"สมหญิง", "somying", "2026-11-30"})
      EXPECT_EQ(xml->find(gone), std::string::npos) << part << ": " << gone;
  }
  EXPECT_NE(documents::unzip_part(*sheet, "xl/comments1.xml")->find("ตัวเลขนี้ผิด"), std::string::npos);

  std::string odt =
      documents::zip_parts({{"mimetype", "application/vnd.oasis.opendocument.text"},
                            {"content.xml",
                             "<office:document-content><office:annotation><dc:creator>สมหญิง ใจดี</dc:creator>"
                             "<text:p>ดูหน้า 2</text:p></office:annotation></office:document-content>"},
                            {"meta.xml", "<office:meta/>"}});
  auto text = strip_metadata(odt, *sniff(odt));
  ASSERT_TRUE(text);
  auto content = documents::unzip_part(*text, "content.xml");
  EXPECT_EQ(content->find("สมหญิง"), std::string::npos);
  EXPECT_NE(content->find("ดูหน้า 2"), std::string::npos);
}

}  // namespace
}  // namespace prongsai::files
