#include "web/api/json.h"

json_t *json_roles(const struct role_row *roles, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s}", "role", roles[i].role);
        if (*roles[i].scope)
            json_object_set_new(o, "scope", json_string(roles[i].scope));
        json_array_append_new(a, o);
    }
    return a;
}

json_t *json_actor(const struct actor *who)
{
    json_t *o =
        json_pack("{s:s, s:s, s:o, s:b}", "login", who->login, "name", who->name, "roles",
                  json_roles(who->roles, who->nroles), "must_change_password", who->must_change);
    if (who->lang)
        json_object_set_new(o, "lang", json_string(who->lang));
    return o;
}

json_t *json_user_row(const struct user_row *u, const struct role_row *roles, size_t nroles,
                      int64_t now)
{
    json_t *o = json_pack("{s:s, s:s, s:o, s:b, s:b, s:b, s:s}", "login", u->login, "name", u->name,
                          "roles", json_roles(roles, nroles), "disabled", u->disabled, "locked",
                          u->locked_until > now, "must_change_password", u->must_change,
                          "created_at", u->created_at);
    if (u->person_key)
        json_object_set_new(o, "person", json_string(u->person_key));
    return o;
}

bool api_paging(struct request *r, int64_t *limit, int64_t *offset)
{
    *limit = 50;
    *offset = 0;
    return req_query_int(r, "limit", 1, 500, limit) &&
           req_query_int(r, "offset", 0, INT32_MAX, offset);
}
