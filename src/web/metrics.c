#include "web/metrics.h"
#include "store/db.h"
#include "web/cache.h"
#include "web/router.h"
#include <inttypes.h>
#include <stdatomic.h>

#define MAX_ROUTES 128

static const int statuses[] = {200, 201, 204, 303, 304, 400, 401, 403,
                               404, 405, 409, 413, 422, 429, 500, 503};
#define NSTATUS (sizeof statuses / sizeof statuses[0])
static const double bounds_ms[] = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500};
#define NBOUNDS (sizeof bounds_ms / sizeof bounds_ms[0])

/* [route + 1][status index], the last status column for any other status. */
static _Atomic uint64_t counts[MAX_ROUTES + 1][NSTATUS + 1];
static _Atomic uint64_t buckets[NBOUNDS + 1];
static _Atomic uint64_t total_us;

void metrics_record(int route_index, int status, double ms)
{
    size_t row = route_index >= 0 && route_index < MAX_ROUTES ? (size_t)route_index + 1 : 0;
    size_t col = NSTATUS;
    for (size_t i = 0; i < NSTATUS; i++)
        if (statuses[i] == status)
            col = i;
    atomic_fetch_add_explicit(&counts[row][col], 1, memory_order_relaxed);
    size_t b = 0;
    while (b < NBOUNDS && ms > bounds_ms[b])
        b++;
    atomic_fetch_add_explicit(&buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&total_us, (uint64_t)(ms * 1000.0), memory_order_relaxed);
}

void metrics_render(buf *out)
{
    buf_puts(out, "# HELP lianheti_http_requests_total HTTP requests by route and status.\n"
                  "# TYPE lianheti_http_requests_total counter\n");
    for (size_t row = 0; row <= route_count && row <= MAX_ROUTES; row++) {
        for (size_t col = 0; col <= NSTATUS; col++) {
            uint64_t n = atomic_load_explicit(&counts[row][col], memory_order_relaxed);
            if (!n)
                continue;
            const char *method = row ? routes[row - 1].method : "";
            const char *pattern = row ? routes[row - 1].pattern : "unmatched";
            if (col < NSTATUS)
                buf_printf(out,
                           "lianheti_http_requests_total{method=\"%s\",route=\"%s\","
                           "status=\"%d\"} %" PRIu64 "\n",
                           method, pattern, statuses[col], n);
            else
                buf_printf(out,
                           "lianheti_http_requests_total{method=\"%s\",route=\"%s\","
                           "status=\"other\"} %" PRIu64 "\n",
                           method, pattern, n);
        }
    }
    buf_puts(out, "# HELP lianheti_http_request_duration_seconds Time to answer a request.\n"
                  "# TYPE lianheti_http_request_duration_seconds histogram\n");
    uint64_t cum = 0;
    for (size_t b = 0; b < NBOUNDS; b++) {
        cum += atomic_load_explicit(&buckets[b], memory_order_relaxed);
        buf_printf(out, "lianheti_http_request_duration_seconds_bucket{le=\"%g\"} %" PRIu64 "\n",
                   bounds_ms[b] / 1000.0, cum);
    }
    cum += atomic_load_explicit(&buckets[NBOUNDS], memory_order_relaxed);
    buf_printf(out,
               "lianheti_http_request_duration_seconds_bucket{le=\"+Inf\"} %" PRIu64 "\n"
               "lianheti_http_request_duration_seconds_sum %.6f\n"
               "lianheti_http_request_duration_seconds_count %" PRIu64 "\n",
               cum, (double)atomic_load_explicit(&total_us, memory_order_relaxed) / 1e6, cum);
    buf_printf(out,
               "# HELP lianheti_cache_hits_total Answers served from the response cache.\n"
               "# TYPE lianheti_cache_hits_total counter\n"
               "lianheti_cache_hits_total %" PRIu64 "\n"
               "# HELP lianheti_cache_misses_total Cacheable answers that had to be rendered.\n"
               "# TYPE lianheti_cache_misses_total counter\n"
               "lianheti_cache_misses_total %" PRIu64 "\n"
               "# HELP lianheti_cache_bytes Bytes held by the response cache.\n"
               "# TYPE lianheti_cache_bytes gauge\n"
               "lianheti_cache_bytes %zu\n",
               cache_hits(), cache_misses(), cache_bytes());
    buf_printf(out,
               "# HELP lianheti_db_errors_total Database statements that failed.\n"
               "# TYPE lianheti_db_errors_total counter\n"
               "lianheti_db_errors_total %" PRIu64 "\n",
               db_error_count());
}
