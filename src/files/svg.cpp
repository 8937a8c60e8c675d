// SVG pictures (an agency's emblem), parsed by libxml2 and written again from an allow-list: the
// drawing stays, anything that could run, load or reach outside the file is refused, and what
// an editor wrote about itself (Inkscape's and Sodipodi's attributes, <metadata>, comments) is
// left out.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "files/files.hpp"

namespace prongsai::files {
namespace {

constexpr std::string_view kSvgNs = "http://www.w3.org/2000/svg";
constexpr std::string_view kXlinkNs = "http://www.w3.org/1999/xlink";
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

// What a static drawing is made of (SVG 1.1 and 2). Not here, so refused: <script>,
// <foreignObject> (HTML inside), the animation elements (which can set an href to a script),
// <a>, <iframe>, <image> but for pictures carried inside the file (checked below).
constexpr std::array<std::string_view, 45> kElements = {
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "style",
    "image",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "feTile",
    "feTurbulence",
    "switch",
};

// What an editor keeps about itself: left out, as the metadata of a photo is.
bool editors_own(const xmlNode* n) {
  if (n->ns && n->ns->href) {
    std::string_view ns(reinterpret_cast<const char*>(n->ns->href));
    return ns.find("inkscape") != std::string_view::npos || ns.find("sodipodi") != std::string_view::npos ||
           ns.find("adobe.com") != std::string_view::npos || ns.find("sketch") != std::string_view::npos;
  }
  return false;
}

std::string_view name_of(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : ""; }

std::string value_of(xmlAttr* a) {
  xmlChar* v = xmlNodeListGetString(a->doc, a->children, 1);
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

// A picture carried inside the file: PNG, JPEG, GIF or WebP as base64.
bool inline_picture(std::string_view v) {
  std::string lower = text::ascii_lower(text::trim(v));
  for (std::string_view p :
       {"data:image/png;base64,", "data:image/jpeg;base64,", "data:image/gif;base64,", "data:image/webp;base64,"})
    if (lower.starts_with(p)) return true;
  return false;
}

// CSS (a style attribute or a <style> element) that fetches nothing and runs nothing: url()
// only to the file's own parts ("#id"), no @import, no script address, no old IE expressions.
bool quiet_css(std::string_view css) {
  std::string lower = text::ascii_lower(css);
  if (lower.find("@import") != std::string::npos || lower.find("javascript:") != std::string::npos ||
      lower.find("expression(") != std::string::npos || lower.find("behavior") != std::string::npos ||
      lower.find("-moz-binding") != std::string::npos || lower.find('\\') != std::string::npos)
    return false;
  for (std::size_t at = lower.find("url("); at != std::string::npos; at = lower.find("url(", at + 4)) {
    std::string_view rest = text::trim(std::string_view(lower).substr(at + 4));
    if (!rest.empty() && (rest[0] == '"' || rest[0] == '\'')) rest.remove_prefix(1);
    if (rest.empty() || rest[0] != '#') return false;
  }
  return true;
}

// Says nothing (libxml2's error handler for the parse).
void quiet(void*, const char*, ...) {}

struct Cleaner {
  std::string refused;  // what was found, for the log ("element script")

  bool refuse(std::string what) {
    refused = std::move(what);
    return false;
  }

  // Checks `n` and what it holds, leaving out the editors' own parts; false (and `refused`) at
  // the first thing not allowed.
  bool clean(xmlNode* n) {
    for (xmlNode* child = n->children; child;) {
      xmlNode* next = child->next;
      bool drop = false;
      switch (child->type) {
        case XML_ELEMENT_NODE: {
          std::string_view name = name_of(child->name);
          bool svg = child->ns && name_of(child->ns->href) == kSvgNs;
          if (editors_own(child) || (svg && name == "metadata")) {
            drop = true;
            break;
          }
          if (!svg || std::find(kElements.begin(), kElements.end(), name) == kElements.end())
            return refuse("element " + std::string(name));
          if (!clean_attributes(child) || !clean(child)) return false;
          if (name == "style" && !quiet_css(value_of_node(child))) return refuse("style element");
          break;
        }
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE: break;
        case XML_COMMENT_NODE:
        case XML_PI_NODE: drop = true; break;
        default: return refuse("node type " + std::to_string(child->type));  // entity references and the rest
      }
      if (drop) {
        xmlUnlinkNode(child);
        xmlFreeNode(child);
      }
      child = next;
    }
    drop_foreign_namespaces(n);  // after what used them is gone
    return true;
  }

  // What is left uses the SVG, XLink and XML namespaces only: the declarations of the others
  // (the editor's, RDF's) go with what used them.
  static void drop_foreign_namespaces(xmlNode* n) {
    xmlNs** link = &n->nsDef;
    while (*link) {
      std::string_view href = name_of((*link)->href);
      if (href == kSvgNs || href == kXlinkNs) {
        link = &(*link)->next;
        continue;
      }
      xmlNs* gone = *link;
      *link = gone->next;
      gone->next = nullptr;
      xmlFreeNs(gone);
    }
  }

  static std::string value_of_node(xmlNode* n) {
    xmlChar* v = xmlNodeGetContent(n);
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }

  bool clean_attributes(xmlNode* n) {
    for (xmlAttr* a = n->properties; a;) {
      xmlAttr* next = a->next;
      std::string_view name = name_of(a->name);
      std::string_view ns = a->ns ? name_of(a->ns->href) : "";
      bool editors = !ns.empty() && ns != kXlinkNs && ns != kXmlNs;
      if (editors) {
        xmlRemoveProp(a);
        a = next;
        continue;
      }
      std::string value = value_of(a);
      std::string lower = text::ascii_lower(name);
      if (lower.starts_with("on")) return refuse("attribute " + std::string(name));
      if (lower == "href" || lower == "src") {
        bool own_part = text::trim(value).starts_with("#");
        bool picture = name_of(n->name) == "image" && inline_picture(value);
        if (!own_part && !picture) return refuse("reference " + std::string(name));
      } else if (!quiet_css(value)) {
        return refuse("attribute " + std::string(name));
      }
      a = next;
    }
    if (name_of(n->name) == "image") {
      bool has_picture = false;
      for (xmlAttr* a = n->properties; a; a = a->next)
        if (name_of(a->name) == "href") has_picture = true;
      if (!has_picture) return refuse("image without a picture");
    }
    return true;
  }
};

}  // namespace

bool looks_like_svg(std::string_view data) {
  std::string_view head = data.substr(0, 4096);
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  head = text::trim(head);
  if (!head.starts_with("<?xml") && !head.starts_with("<svg") && !head.starts_with("<!--") &&
      !head.starts_with("<!DOCTYPE svg"))
    return false;
  return head.find("<svg") != std::string_view::npos;
}

Result<std::string> clean_svg(std::string_view data) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  // libxml2 says some errors (a byte its encoding cannot convert) on stderr whatever the parse
  // options: a refused upload is answered to its sender, not written to the server's log. The
  // handlers are per thread.
  xmlSetGenericErrorFunc(nullptr, quiet);
  xmlSetStructuredErrorFunc(nullptr, [](void*, xmlErrorPtr) {});
  auto refused = [](std::string detail) { return fail(Error::make(ErrorKind::invalid, "error.svg_unsafe", detail)); };
  if (data.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return refused("too large");
  // No network, no external DTD, entities left as references (and refused below), libxml2's
  // own limits on depth and amplification kept (no XML_PARSE_HUGE).
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlReadMemory(data.data(), static_cast<int>(data.size()), "emblem.svg", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA),
      xmlFreeDoc);
  if (!doc) return fail(Error::make(ErrorKind::invalid, "error.svg_damaged", "not well-formed XML"));
  if (doc->intSubset || doc->extSubset) return refused("a DOCTYPE");
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || name_of(root->name) != "svg" || !root->ns || name_of(root->ns->href) != kSvgNs)
    return fail(Error::make(ErrorKind::invalid, "error.svg_damaged", "the root is not <svg>"));
  Cleaner c;
  // The document's own comments and instructions around the root go too.
  for (xmlNode* n = doc->children; n;) {
    xmlNode* next = n->next;
    if (n != root) {
      xmlUnlinkNode(n);
      xmlFreeNode(n);
    }
    n = next;
  }
  if (!c.clean_attributes(root) || !c.clean(root)) return refused(c.refused);
  bool sized = xmlHasProp(root, BAD_CAST "viewBox") ||
               (xmlHasProp(root, BAD_CAST "width") && xmlHasProp(root, BAD_CAST "height"));
  if (!sized) return fail(Error::make(ErrorKind::invalid, "error.svg_no_size", "no viewBox, width or height"));
  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc.get(), &out, &size, "UTF-8");
  if (!out) return fail(Error::make(ErrorKind::internal, "error.internal", "the SVG could not be written"));
  std::string written(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return written;
}

}  // namespace prongsai::files
