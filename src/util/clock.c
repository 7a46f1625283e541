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

bool date_valid(const char *s)
{
    if (!s)
        return false;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    }
    if (s[10] != '\0')
        return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= days[m - 1] + (m == 2 && leap);
}
