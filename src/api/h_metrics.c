/* /metrics: Prometheus text exposition, as base/metrics.c writes it.
 * Must not count anything itself. */
#include "api/handlers.h"
#include "base/metrics.h"

void h_metrics(const struct pf_req *req, struct pf_reply *rep)
{
    struct buf b;
    (void)req;
    buf_init(&b);
    metrics_render(&b);
    rep->status = 200;
    rep->body = buf_steal(&b, &rep->body_len);
    rep->body_owned = true;
    rep->content_type = "text/plain; version=0.0.4; charset=utf-8";
}
