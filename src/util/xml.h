/* Text for XML documents (the Atom feed): the one escaper, so no value reaches a feed unescaped.
 */
#ifndef LH_XML_H
#define LH_XML_H
#include "util/buf.h"

/* Appends s (UTF-8) to out as XML character data, safe in element content and in attribute
 * values quoted with either quote: & < > " ' become entities, and the control characters XML 1.0
 * does not allow (all below U+0020 but tab, LF and CR) are left out. NULL appends nothing. */
void xml_escape(buf *out, const char *s);

#endif
