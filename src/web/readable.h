/* The alliance a request's path names, as the pages and the API of one alliance load it. */
#ifndef LH_READABLE_H
#define LH_READABLE_H
#include "store/register.h"
#include "web/request.h"

/* The alliance named by the path's first parameter, when the requester may read it
 * (can_alliance, RIGHT_BUSINESS_READ). False after answering: 404 both for an unknown key and for
 * an alliance outside the requester's scope (one answer, so a key does not reveal that the
 * alliance exists), 503 when the database fails. */
bool req_readable_alliance(struct request *r, struct rg_alliance *al);

#endif
