// Fills an agency's search entries with N posts made of the seed report's own Thai lines, then
// times what /search does per query (the first page of 20, the count up to 201, the highlighted
// excerpts) for short and long Thai queries, common and rare, and one that matches nothing.
// Used by bench/search.sh; prints one line per query: name, hits counted, median and p90 ms.
//
//   search_bench --db URL --agency ID --corpus FILE [--posts N] [--runs N] [--skip-fill]
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "core/search_text.hpp"
#include "core/text.hpp"
#include "store/store.hpp"

using namespace prongsai;

namespace {

std::vector<std::string> corpus_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    std::erase_if(line, [](char c) { return c == '\f' || c == '\r' || c == '\t'; });  // page breaks of the PDF
    auto t = text::clean(line);
    if (t && text::code_points(*t) >= 12) lines.push_back(*t);
  }
  return lines;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double nearest_rank(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  std::size_t rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"search bench"};
  std::string db, corpus;
  std::int64_t agency = 1;
  int posts = 100000, runs = 200;
  bool skip_fill = false;
  cli.add_option("--db", db)->required();
  cli.add_option("--agency", agency);
  cli.add_option("--corpus", corpus)->required();
  cli.add_option("--posts", posts);
  cli.add_option("--runs", runs);
  cli.add_flag("--skip-fill", skip_fill);
  CLI11_PARSE(cli, argc, argv);

  auto opened = store::Store::open(db);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().detail.c_str());
    return 1;
  }
  store::Store& s = **opened;
  if (auto m = s.migrate(store::embedded_migrations({"store"})); !m) {
    std::fprintf(stderr, "%s\n", m.error().detail.c_str());
    return 1;
  }

  std::vector<std::string> lines = corpus_lines(corpus);
  if (lines.size() < 20) {
    std::fprintf(stderr, "corpus too small\n");
    return 1;
  }
  if (!skip_fill) {
    std::mt19937 rng(20261124);
    std::uniform_int_distribution<std::size_t> pick(0, lines.size() - 1);
    std::uniform_int_distribution<int> count(2, 6);  // paragraphs of up to 240 characters: a post of ~700
    auto t0 = std::chrono::steady_clock::now();
    std::size_t chars = 0;
    constexpr int kBatch = 2000;
    for (int done = 0; done < posts; done += kBatch) {
      auto r = s.write(store::Actor::cli(), [&](store::WriteTx& tx) -> Result<void> {
        for (int i = done; i < std::min(posts, done + kBatch); ++i) {
          std::string title = text::truncate(lines[pick(rng)], 90), body;
          for (int k = count(rng); k > 0; --k)
            body += (body.empty() ? "" : "\n") + text::truncate(lines[pick(rng)], 240);
          chars += text::code_points(title) + text::code_points(body);
          std::string ref = "bench-" + std::to_string(i);
          tx.index({agency, "news", ref, title, body, "/news/" + std::to_string(i + 1), 0});
        }
        return ok();
      });
      if (!r) {
        std::fprintf(stderr, "fill: %s\n", r.error().detail.c_str());
        return 1;
      }
    }
    s.bookkeeping([](store::BookkeepingTx& tx) { return tx.exec("ANALYZE"); });  // as autovacuum would
    std::printf("filled %d posts (%zu characters, %.0f on average) in %.1f s\n", posts, chars,
                static_cast<double>(chars) / posts, ms_since(t0) / 1000);
  }

  struct Query {
    const char* name;
    const char* q;
  };
  const Query queries[] = {
      {"1 letter, common (ก)", "ก"},   {"1 letter, rare (ฌ)", "ฌ"},
      {"2 letters (ผล)", "ผล"},        {"2 letters, rare (ฎี)", "ฎี"},
      {"word (งบประมาณ)", "งบประมาณ"}, {"phrase (การจัดซื้อจัดจ้าง)", "การจัดซื้อจัดจ้าง"},
      {"Latin (ITA)", "ITA"},          {"nowhere (ฮิปโปโปเตมัส)", "ฮิปโปโปเตมัส"},
  };
  std::vector<double> all;
  for (const Query& query : queries) {
    std::u32string folded = search::fold(query.q);
    std::vector<double> times;
    std::int64_t found = 0;
    for (int i = 0; i < runs; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      s.read([&](store::ReadTx& tx) {
        auto results = tx.search(agency, folded, 1, 20, 0, 201);  // as /search asks
        found = results.total;
        std::size_t marks = 0;
        for (const auto& h : results.hits) {
          marks += search::excerpt(h.title, folded, 160).segments.size();
          marks += search::excerpt(h.body, folded, 220).segments.size();
        }
        return marks;
      });
      times.push_back(ms_since(t0));
    }
    all.insert(all.end(), times.begin(), times.end());
    std::printf("%-34s found %5lld%s  median %7.2f ms  p90 %7.2f ms\n", query.name, static_cast<long long>(found),
                found > 200 ? "+" : " ", nearest_rank(times, 0.5), nearest_rank(times, 0.9));
  }
  std::printf("%-34s                median %7.2f ms  p90 %7.2f ms\n", "all queries", nearest_rank(all, 0.5),
              nearest_rank(all, 0.9));
  return 0;
}
