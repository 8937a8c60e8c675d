// The channels module's manifest: contact channels, news, Q&A, the statistics of the
// channels and the site search.
#include "modules/channels/module.hpp"

namespace prongsai::channels {

const web::Module& manifest() {
  static const web::Module m{
      .name = "channels",
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<Contacts>(host.store());
            host.make<News>(host.store(), host.clock()).set_max_file_bytes(host.get<web::Settings>().max_upload_bytes);
            host.make<Questions>(host.store(), host.clock());
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Contacts>());
            mount_news(host.router(), host.pages(), host.get<News>());
            mount_qa(host.router(), host.pages(), host.get<Questions>(), host.public_limiter(), host.clock());
            mount_statistics(host.router(), host.pages(), host.get<cases::Service>(), host.get<Questions>(),
                             host.clock());
            mount_search(host.router(), host.pages(), host.store(), host.clock());
          },
      .reindex =
          [](store::WriteTx& tx, web::Host&) {
            News::reindex(tx);
            Questions::reindex(tx);
          },
  };
  return m;
}

}  // namespace prongsai::channels
