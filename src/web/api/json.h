/* JSON shapes shared by the API handlers. */
#ifndef LH_API_JSON_H
#define LH_API_JSON_H
#include "store/store.h"
#include "web/request.h"

/* {"login", "name", "roles": [{"role", "scope"}], "must_change_password"} for an actor. */
json_t *json_actor(const struct actor *who);
/* An account as the administrators see it. */
json_t *json_user_row(const struct user_row *u, const struct role_row *roles, size_t nroles,
                      int64_t now);
json_t *json_roles(const struct role_row *roles, size_t n);
/* Reads ?limit= (1-500, default 50) and ?offset= (default 0); false after answering 400. */
bool api_paging(struct request *r, int64_t *limit, int64_t *offset);

#endif
