/* Content lines of iCalendar (RFC 5545, 3.1 and 3.3.11), for the meetings feed: each line ends in
 * CRLF and is folded so that no line is longer than 75 octets, a continuation starting with one
 * space, and a fold never falls inside a UTF-8 character. */
#ifndef LH_ICAL_H
#define LH_ICAL_H
#include "util/buf.h"

/* "NAME:VALUE" with value written as it is (dates, keys, enumerated values), folded. name may
 * carry parameters ("DTSTART;VALUE=DATE"). */
void ical_line(buf *out, const char *name, const char *value);
/* "NAME:TEXT" with text escaped as a TEXT value: backslash, semicolon and comma are preceded by
 * a backslash, a line break (LF or CRLF) becomes \n, other control characters but tab are left
 * out. Folded. NULL text writes nothing. */
void ical_text(buf *out, const char *name, const char *text);

#endif
