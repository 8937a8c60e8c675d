// Runs a libFuzzer-style target without libFuzzer (g++ has none): every file of a corpus
// folder, then a fixed number of deterministic mutations of them (bit flips, cuts, inserted
// bytes, splices). A crash fails the ctest; each crash found becomes a corpus file.
//
//   <target>_replay CORPUS_DIR [MUTATIONS]
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

struct Rng {  // xorshift64*: the same mutations on every run
  std::uint64_t s = 0x9E3779B97F4A7C15ull;
  std::uint64_t next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 2685821657736338717ull;
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

void run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string mutate(const std::vector<std::string>& corpus, Rng& rng) {
  std::string s = corpus[rng.below(corpus.size())];
  static const char kInteresting[] = {'\0', '\r', '\n', '%', '=', '&', ';', '"', '\\', '-', '\xff', '\xe0', '\x80'};
  int edits = 1 + static_cast<int>(rng.below(8));
  for (int i = 0; i < edits; ++i) {
    switch (rng.below(5)) {
      case 0:
        if (!s.empty()) s[rng.below(s.size())] ^= static_cast<char>(1u << rng.below(8));
        break;
      case 1:
        if (!s.empty()) s.erase(rng.below(s.size()), rng.below(16) + 1);
        break;
      case 2: s.insert(rng.below(s.size() + 1), 1, kInteresting[rng.below(sizeof kInteresting)]); break;
      case 3: {
        const std::string& other = corpus[rng.below(corpus.size())];
        std::size_t from = rng.below(other.size() + 1);
        s.insert(rng.below(s.size() + 1), other.substr(from, rng.below(64)));
        break;
      }
      case 4:
        if (!s.empty()) s.resize(rng.below(s.size()));
        break;
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [MUTATIONS]\n", argv[0]);
    return 2;
  }
  std::vector<std::string> corpus;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream in(entry.path(), std::ios::binary);
    corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "empty corpus %s\n", argv[1]);
    return 2;
  }
  for (const std::string& c : corpus) run(c);
  long mutations = argc > 2 ? std::stol(argv[2]) : 50000;
  Rng rng;
  for (long i = 0; i < mutations; ++i) run(mutate(corpus, rng));
  std::printf("%zu corpus files and %ld mutations ran without a crash\n", corpus.size(), mutations);
  return 0;
}
