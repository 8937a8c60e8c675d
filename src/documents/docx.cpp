// The table report as a DOCX: a zip (libzip, built in memory) of WordprocessingML parts. The
// smallest package Word and LibreOffice both open and edit: content types, relationships,
// styles, one document part with an A4 landscape section, and a footer with the page number.
// The table's first row is marked as a header row, so Word repeats it on every page.
#include <zip.h>

#include <cmath>
#include <stdexcept>

#include "documents/table_report.hpp"
#include "documents/xml.hpp"

namespace prongsai::documents {
namespace {

// Twentieths of a point. A4 landscape, 12.7 mm margins.
constexpr int kPageWidth = 16838;
constexpr int kPageHeight = 11906;
constexpr int kMargin = 720;
// TH Sarabun New is the Thai government's document font (cabinet resolution of 2010) and is on
// every office's Windows machine; LibreOffice on Linux substitutes a TLWG font.
constexpr const char* kFont = "TH Sarabun New";

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>)";

constexpr const char* kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>)";

constexpr const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>)";

constexpr const char* kW = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

std::string styles() {
  std::string font = xml_escape(kFont);
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "\n<w:styles " + kW +
         "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"" + font + "\" w:hAnsi=\"" + font +
         "\" w:eastAsia=\"" + font + "\" w:cs=\"" + font +
         "\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"th-TH\" w:bidi=\"th-TH\"/></w:rPr>"
         "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
         "</w:pPr></w:pPrDefault></w:docDefaults>"
         "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
         "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
         "<w:tblPr><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"80\" w:type=\"dxa\"/>"
         "<w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
         "</w:style></w:styles>";
}

std::string core_properties(const TableReport& r) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") +
         "\n<cp:coreProperties "
         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
         xml_escape(r.title) + "</dc:title><dc:creator>" + xml_escape(r.author) + "</dc:creator><dc:language>" +
         xml_escape(r.lang) + "</dc:language></cp:coreProperties>";
}

// A paragraph of one run. `size` in half-points, 0 for the default.
std::string paragraph(const std::string& text, const char* align, bool bold, int size) {
  std::string p = "<w:p><w:pPr>";
  if (align) p += std::string("<w:jc w:val=\"") + align + "\"/>";
  p += "</w:pPr><w:r><w:rPr>";
  if (bold) p += "<w:b/><w:bCs/>";
  if (size) p += "<w:sz w:val=\"" + std::to_string(size) + "\"/><w:szCs w:val=\"" + std::to_string(size) + "\"/>";
  p += "</w:rPr><w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r></w:p>";
  return p;
}

std::string footer(const TableReport& r) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "\n<w:ftr " + kW +
         "><w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr>"
         "<w:t xml:space=\"preserve\">" +
         xml_escape(r.page_label) +
         " </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE "
         "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>";
}

std::string document(const TableReport& r) {
  std::string d = std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "\n<w:document " + kW +
                  R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>)";
  for (const std::string& s : r.heading) d += paragraph(s, "center", true, 36);
  for (const std::string& s : r.cover) d += paragraph(s, "center", false, 32);
  if (!r.intro.empty()) d += paragraph("", nullptr, false, 0) + paragraph(r.intro, "both", false, 0);
  d += paragraph("", nullptr, false, 0);

  const int table_width = kPageWidth - 2 * kMargin;
  double total = 0;
  for (const Column& c : r.columns) total += c.weight;
  std::vector<int> widths;
  for (const Column& c : r.columns) widths.push_back(static_cast<int>(std::floor(table_width * c.weight / total)));

  d += "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(table_width) +
       "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    d += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  d += "</w:tblBorders></w:tblPr><w:tblGrid>";
  for (int w : widths) d += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  d += "</w:tblGrid>";

  auto cell = [&](int width, const Cell& paragraphs, bool header) {
    std::string c = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
    if (header) c += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E0E0E0\"/><w:vAlign w:val=\"center\"/>";
    c += "</w:tcPr>";
    if (paragraphs.empty()) c += "<w:p/>";
    for (const std::string& p : paragraphs) c += paragraph(p, header ? "center" : nullptr, header, 0);
    return c + "</w:tc>";
  };
  d += "<w:tr><w:trPr><w:tblHeader/></w:trPr>";
  for (std::size_t c = 0; c < r.columns.size(); ++c) d += cell(widths[c], {r.columns[c].header}, true);
  d += "</w:tr>";
  for (const auto& row : r.rows) {
    d += "<w:tr>";
    for (std::size_t c = 0; c < r.columns.size(); ++c) d += cell(widths[c], c < row.size() ? row[c] : Cell{}, false);
    d += "</w:tr>";
  }
  d += "</w:tbl>";
  d += "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId2\"/><w:pgSz w:w=\"" + std::to_string(kPageWidth) +
       "\" w:h=\"" + std::to_string(kPageHeight) + "\" w:orient=\"landscape\"/><w:pgMar w:top=\"" +
       std::to_string(kMargin) + "\" w:right=\"" + std::to_string(kMargin) + "\" w:bottom=\"" +
       std::to_string(kMargin) + "\" w:left=\"" + std::to_string(kMargin) +
       "\" w:header=\"360\" w:footer=\"360\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
  return d;
}

}  // namespace

std::string render_docx(const TableReport& r) {
  std::vector<std::pair<const char*, std::string>> parts = {{"[Content_Types].xml", kContentTypes},
                                                            {"_rels/.rels", kPackageRels},
                                                            {"word/_rels/document.xml.rels", kDocumentRels},
                                                            {"word/document.xml", document(r)},
                                                            {"word/styles.xml", styles()},
                                                            {"word/footer1.xml", footer(r)},
                                                            {"docProps/core.xml", core_properties(r)}};
  return zip_parts(parts);
}

}  // namespace prongsai::documents
