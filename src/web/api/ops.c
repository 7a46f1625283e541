/* Endpoints for operators and monitoring: liveness and Prometheus metrics. */
#include "store/store.h"
#include "util/buf.h"
#include "web/handlers.h"
#include "web/metrics.h"

void api_healthz(struct request *r)
{
    if (st_ping(r->db) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database does not answer.");
        return;
    }
    resp_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

void api_metrics(struct request *r)
{
    buf b = {0};
    metrics_render(&b);
    resp_text(r, 200, "text/plain; version=0.0.4; charset=utf-8", buf_str(&b), b.len);
    buf_free(&b);
}
