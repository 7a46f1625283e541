/* Calendar days as integers, so that the compliance rules compare and add dates cheaply: "on or
 * before", "30 days after", "the year of". A day is a count of days (0001-01-01 is well above
 * zero); 0 means "no date". Dates are the proleptic Gregorian calendar, as dataset.md writes them.
 */
#ifndef LH_DAY_H
#define LH_DAY_H
#include <stdint.h>

typedef int32_t lh_day;
#define NO_DAY ((lh_day)0)

/* "YYYY-MM-DD" (a real date, years 1-9999) into a day; NO_DAY for NULL or anything else. */
lh_day day_parse(const char *s);
/* The day of a year, month and day of month; a day of month past the month's end is its last
 * day (a deadline "02-29" falls on 28 February in a common year). NO_DAY for a month out of range
 * or a year outside 1-9999. */
lh_day day_from_ymd(int y, int m, int d);
/* "MM-DD" of year y (an annual deadline of rules.md); NO_DAY when mmdd is not MM-DD. */
lh_day day_of_year_mmdd(int y, const char *mmdd);
void day_ymd(lh_day day, int *y, int *m, int *d);
int day_year(lh_day day);
/* "YYYY-MM-DD" into out; "" for NO_DAY. */
void day_format(lh_day day, char out[11]);
int day_days_in_month(int y, int m);

#endif
