#include "kernel/http/access_log.hpp"

namespace clxs::kernel {

Json accessFields(const AccessRecord& r) {
  return Json{{"request_id", r.requestId},
              {"method", r.method},
              {"path", r.path},
              {"status", r.status},
              {"duration_ms", r.durationMs},
              {"bytes", r.bytes},
              {"remote", r.remote},
              {"owner", r.owner}};
}

}  // namespace clxs::kernel
