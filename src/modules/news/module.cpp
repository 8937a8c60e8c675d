// The news module's manifest: posts, their files and their search entries.
#include "modules/news/module.hpp"

namespace prongsai::news {

const web::Module& manifest() {
  static const web::Module m{
      .name = "news",
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<News>(host.store(), host.clock()).set_max_file_bytes(host.get<web::Settings>().max_upload_bytes);
          },
      .mount = [](web::Host& host) { mount(host.router(), host.pages(), host.get<News>()); },
      .reindex = [](store::WriteTx& tx, web::Host&) { News::reindex(tx); },
  };
  return m;
}

}  // namespace prongsai::news
