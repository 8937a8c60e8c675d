// SVG emblems: an Inkscape drawing comes back without the editor's metadata and still draws;
// every way an SVG can run a script, fetch something or expand itself is refused, naming it;
// only a form that says so accepts SVG at all, and it is served as a picture in a sandbox
// (nosniff on every response: http/pipeline.cpp).
#include <gtest/gtest.h>

#include "files/files.hpp"

namespace prongsai::files {
namespace {

// What Inkscape saves: its own and Sodipodi's namespaces, <metadata> with the author, a named
// view, comments, a gradient used through url(#…), text, and a <use> of its own part.
const std::string kInkscape = R"~(<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="200" height="200" viewBox="0 0 200 200" version="1.1" id="svg5"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)" sodipodi:docname="ตรา อบต.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview7" pagecolor="#ffffff" inkscape:zoom="2.5" inkscape:current-layer="layer1"/>
  <metadata id="metadata1"><rdf:RDF><cc:Work rdf:about=""><dc:creator><cc:Agent><dc:title>สมชาย ช่างวาด</dc:title></cc:Agent></dc:creator></cc:Work></rdf:RDF></metadata>
  <defs id="defs2"><linearGradient id="gold"><stop offset="0" style="stop-color:#c9a227;stop-opacity:1"/><stop offset="1" stop-color="#7a5c00"/></linearGradient>
    <style>.ring { fill: none; stroke: url(#gold); stroke-width: 8 }</style></defs>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <circle class="ring" cx="100" cy="100" r="90" id="ring"/>
    <path d="M 60,120 L 100,40 L 140,120 Z" style="fill:url(#gold)" id="roof"/>
    <use xlink:href="#roof" transform="translate(0,30)"/>
    <text x="100" y="180" text-anchor="middle" font-size="18">นาหม่อม</text>
  </g>
</svg>
)~";

std::string refused(std::string_view svg) {
  auto r = clean_svg(svg);
  return r ? "accepted" : r.error().message_key + " (" + r.error().detail + ")";
}

std::string wrap(std::string_view inner) {
  return std::string(
             R"~(<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">)~") +
         std::string(inner) + "</svg>";
}

TEST(CleanSvg, KeepsTheDrawingAndLeavesOutWhatTheEditorWroteAboutItself) {
  auto out = clean_svg(kInkscape);
  ASSERT_TRUE(out) << out.error().detail;
  for (std::string_view gone : {"inkscape:", "sodipodi:", "<metadata", "สมชาย", "Created with", "namedview"})
    EXPECT_EQ(out->find(gone), std::string::npos) << gone << " in\n" << *out;
  for (std::string_view kept : {"<circle", "url(#gold)", "<linearGradient id=\"gold\"", "xlink:href=\"#roof\"",
                                "นาหม่อม", "viewBox=\"0 0 200 200\"", ".ring { fill: none"})
    EXPECT_NE(out->find(kept), std::string::npos) << kept << " missing from\n" << *out;
  EXPECT_TRUE(looks_like_svg(*out));
  auto again = clean_svg(*out);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *out) << "cleaning a clean file changes nothing";
}

TEST(CleanSvg, RefusesWhatRunsFetchesOrExpandsNamingIt) {
  EXPECT_EQ(refused(wrap("<script>alert(1)</script>")), "error.svg_unsafe (element script)");
  EXPECT_EQ(refused(wrap(R"~(<rect width="1" height="1" onclick="alert(1)"/>)~")),
            "error.svg_unsafe (attribute onclick)");
  EXPECT_EQ(refused(R"~(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"/>)~"),
            "error.svg_unsafe (attribute onload)");
  EXPECT_EQ(refused(wrap(R"~(<a href="https://example.org"><rect width="1" height="1"/></a>)~")),
            "error.svg_unsafe (element a)");
  EXPECT_EQ(refused(wrap("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>")),
            "error.svg_unsafe (element foreignObject)");
  EXPECT_EQ(refused(wrap(R"~(<animate attributeName="href" to="javascript:alert(1)"/>)~")),
            "error.svg_unsafe (element animate)");
  EXPECT_EQ(refused(wrap(R"~(<set attributeName="onmouseover" to="alert(1)"/>)~")), "error.svg_unsafe (element set)");
  EXPECT_EQ(refused(wrap(R"~(<image href="https://tracker.example/p.png" width="1" height="1"/>)~")),
            "error.svg_unsafe (reference href)");
  EXPECT_EQ(refused(wrap(R"~(<use xlink:href="other.svg#x"/>)~")), "error.svg_unsafe (reference href)");
  EXPECT_EQ(refused(wrap(R"~(<use href=" javascript:alert(1)"/>)~")), "error.svg_unsafe (reference href)");
  EXPECT_EQ(refused(wrap("<style>@import url(https://example.org/x.css);</style>")),
            "error.svg_unsafe (style element)");
  EXPECT_EQ(refused(wrap(R"~(<rect width="1" height="1" style="fill:url(https://example.org/p.svg#g)"/>)~")),
            "error.svg_unsafe (attribute style)");
  EXPECT_EQ(refused(wrap(R"~(<rect width="1" height="1" fill="url( 'https://example.org/#g')"/>)~")),
            "error.svg_unsafe (attribute fill)");
  EXPECT_EQ(refused(wrap(R"~(<rect width="1" height="1" style="fill:u\72l(https://example.org/)"/>)~")),
            "error.svg_unsafe (attribute style)")
      << "CSS escapes hide nothing";
  // A DTD of any kind: entities that expand (billion laughs) or read files (XXE).
  EXPECT_EQ(refused(R"~(<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&b;</text></svg>)~"),
            "error.svg_unsafe (a DOCTYPE)");
  EXPECT_EQ(refused(R"~(<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&x;</text></svg>)~"),
            "error.svg_unsafe (a DOCTYPE)");
  EXPECT_EQ(refused(R"~(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&x;</text></svg>)~"),
            "error.svg_damaged (not well-formed XML)")
      << "an undeclared entity";
  // Not SVG, not whole, or without a size to scale it by.
  EXPECT_EQ(refused("<html><svg xmlns=\"http://www.w3.org/2000/svg\"/></html>"),
            "error.svg_damaged (the root is not <svg>)");
  EXPECT_EQ(refused("<svg viewBox=\"0 0 1 1\"><rect/></svg>"), "error.svg_damaged (the root is not <svg>)")
      << "an svg element outside the SVG namespace is not SVG";
  EXPECT_EQ(refused(R"~(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect>)~"),
            "error.svg_damaged (not well-formed XML)");
  EXPECT_EQ(refused(R"~(<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>)~"),
            "error.svg_no_size (no viewBox, width or height)");
}

TEST(CleanSvg, APictureCarriedInsideTheFileIsKept) {
  std::string svg = wrap(R"~(<image width="10" height="10" href="data:image/png;base64,iVBORw0KGgo="/>)~");
  auto out = clean_svg(svg);
  ASSERT_TRUE(out) << out.error().detail;
  EXPECT_NE(out->find("data:image/png;base64,iVBORw0KGgo="), std::string::npos);
  EXPECT_EQ(refused(wrap(R"~(<image width="10" height="10" href="data:text/html;base64,PHNjcmlwdD4="/>)~")),
            "error.svg_unsafe (reference href)");
}

TEST(CleanSvg, OnlyAFormThatSaysSoTakesSvgAndItIsServedAsAPictureInASandbox) {
  EXPECT_TRUE(looks_like_svg("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
  EXPECT_FALSE(looks_like_svg("<html><body>not a picture</body></html>"));
  EXPECT_FALSE(looks_like_svg("\x89PNG\r\n\x1a\n"));
  std::vector<Upload> up = {{"ตรา.svg", kInkscape}};
  Policy images{.field = "emblem", .accepts = [](const Kind& k) { return k.content_type.starts_with("image/"); }};
  auto plain = check(up, images);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().message_key, "error.file_type") << "sniff alone never takes SVG";
  images.svg = true;
  auto taken = check(up, images);
  ASSERT_TRUE(taken) << taken.error().detail;
  EXPECT_EQ(taken->front().kind.content_type, "image/svg+xml");
  EXPECT_EQ(taken->front().data().find("sodipodi"), std::string::npos) << "the cleaned bytes are what is kept";
  const std::string script = wrap("<script>alert(1)</script>");  // an Upload views its bytes
  std::vector<Upload> bad = {{"x.svg", script}};
  auto refused_upload = check(bad, images);
  ASSERT_FALSE(refused_upload);
  EXPECT_EQ(refused_upload.error().field, "emblem");
  EXPECT_EQ(refused_upload.error().message_key, "error.svg_unsafe");

  std::string bytes(taken->front().data());
  http::Response r = download({"abc", "ตรา.svg", "image/svg+xml", static_cast<std::int64_t>(bytes.size())}, bytes);
  EXPECT_EQ(r.find_header("Content-Type"), "image/svg+xml");
  EXPECT_NE(r.find_header("Content-Security-Policy").find("sandbox"), std::string::npos);
  // Stored under another type, or bytes that are not SVG: never served as SVG.
  EXPECT_EQ(download({"abc", "x.svg", "image/svg+xml", 5}, "<html>").find_header("Content-Type"),
            "application/octet-stream");
}

}  // namespace
}  // namespace prongsai::files
