/* Time as lianheti shows and stores it. China has one time zone and no daylight saving, so
 * local time is UTC+08:00 by arithmetic, independent of the machine's zone database. */
#ifndef LH_CLOCK_H
#define LH_CLOCK_H
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Seconds since the epoch. */
int64_t clock_now(void);
/* "2026-11-29T18:38:07+08:00" into out (at least 26 bytes). */
void clock_rfc3339(int64_t t, char out[32]);
/* "2026-11-29" (Asia/Shanghai) into out. */
void clock_date(int64_t t, char out[11]);
/* True for a real calendar date written YYYY-MM-DD (no 2018-02-30), years 1900-9999. */
bool date_valid(const char *s);
/* Milliseconds from a monotonic clock, for latencies. */
double clock_mono_ms(void);

#endif
