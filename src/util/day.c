/* Days from and to the civil calendar by Howard Hinnant's algorithms (days_from_civil,
 * civil_from_days): exact for every Gregorian date, no table, no time zone. */
#include "util/day.h"
#include <string.h>

/* Keeps every day of years 1-9999 positive, so 0 is free to mean "no date". */
#define DAY_OFFSET 1000000

int day_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

static lh_day from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (lh_day)(era * 146097 + doe - 719468 + DAY_OFFSET);
}

lh_day day_from_ymd(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return NO_DAY;
    int last = day_days_in_month(y, m);
    return from_civil(y, m, d > last ? last : d);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

lh_day day_parse(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return NO_DAY;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > day_days_in_month(y, m))
        return NO_DAY;
    return from_civil(y, m, d);
}

lh_day day_of_year_mmdd(int y, const char *mmdd)
{
    if (!mmdd || strlen(mmdd) != 5 || mmdd[2] != '-')
        return NO_DAY;
    int m = digits(mmdd, 2), d = digits(mmdd + 3, 2);
    if (m < 1 || d < 1 || d > 31)
        return NO_DAY;
    return day_from_ymd(y, m, d);
}

void day_ymd(lh_day day, int *y, int *m, int *d)
{
    int z = (int)day - DAY_OFFSET + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int day_year(lh_day day)
{
    int y, m, d;
    day_ymd(day, &y, &m, &d);
    return y;
}

void day_format(lh_day day, char out[11])
{
    if (day == NO_DAY) {
        out[0] = '\0';
        return;
    }
    int y, m, d;
    day_ymd(day, &y, &m, &d);
    /* Written digit by digit: every day we make is in years 1-9999. */
    const int v[] = {y / 1000 % 10, y / 100 % 10, y / 10 % 10, y % 10,
                     m / 10,        m % 10,       d / 10,      d % 10};
    const int at[] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++)
        out[at[i]] = (char)('0' + v[i]);
    out[4] = out[7] = '-';
    out[10] = '\0';
}
