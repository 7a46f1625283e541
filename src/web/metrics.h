/* Counters for GET /metrics in the Prometheus text format: requests by route and status, a
 * latency histogram, database errors. Lock-free: relaxed atomic adds on fixed arrays. */
#ifndef LH_METRICS_H
#define LH_METRICS_H
#include "util/buf.h"

/* route_index -1 counts under "unmatched". */
void metrics_record(int route_index, int status, double ms);
void metrics_render(buf *out);

#endif
