#include "util/clock.h"
#include <stdio.h>

#define SHANGHAI_OFFSET (8 * 3600)

int64_t clock_now(void)
{
    return (int64_t)time(NULL);
}

void clock_rfc3339(int64_t t, char out[32])
{
    time_t local = (time_t)(t + SHANGHAI_OFFSET);
    struct tm tm;
    gmtime_r(&local, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
}

void clock_date(int64_t t, char out[11])
{
    time_t local = (time_t)(t + SHANGHAI_OFFSET);
    struct tm tm;
    gmtime_r(&local, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

double clock_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}
