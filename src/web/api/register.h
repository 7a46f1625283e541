/* JSON shapes of the register's resources, shared by api/register.c and api/approvals.c. */
#ifndef LH_API_REGISTER_H
#define LH_API_REGISTER_H
#include "domain/approvals.h"
#include "store/register.h"
#include "web/request.h"

/* An approval request as the API shows it, with what the caller may do with it. */
json_t *json_request(struct request *r, const struct rg_request *q, const char *today);
/* {"date", "by", "ref"} or NULL when date is NULL. */
json_t *json_approval(const char *date, const char *by, const char *ref);
/* The answer of a failed domain operation; a request opened by it answers 202 instead. */
void answer_request(struct request *r, int64_t id);

#endif
