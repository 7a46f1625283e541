#include "auth/rights.h"
#include "util/i18n.h"
#include "util/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[ROLE_COUNT] = {
    [ROLE_SYSADMIN] = N_("sysadmin"),       [ROLE_SECADMIN] = N_("secadmin"),
    [ROLE_AUDITOR] = N_("auditor"),         [ROLE_CAST_OFFICER] = N_("cast_officer"),
    [ROLE_SECRETARIAT] = N_("secretariat"), [ROLE_MEMBER_CONTACT] = N_("member_contact"),
};

bool role_parse(const char *name, enum role *out)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        if (name && strcmp(name, role_names[i]) == 0) {
            *out = (enum role)i;
            return true;
        }
    return false;
}

const char *role_name(enum role r)
{
    return role_names[r];
}

bool role_is_admin(enum role r)
{
    return r == ROLE_SYSADMIN || r == ROLE_SECADMIN || r == ROLE_AUDITOR;
}

static bool holds(const struct actor *who, enum role r)
{
    for (size_t i = 0; i < who->nroles; i++)
        if (strcmp(who->roles[i].role, role_names[r]) == 0)
            return true;
    return false;
}

/* What a check is about. NULL: any scope. Otherwise either a plain key (can()), compared with
 * every role's scope as granted, or an alliance (can_alliance()), compared role by role with the
 * key that role is granted on. */
struct scope {
    const char *key;
    const char *jurisdiction, *alliance;
};

/* Does a grant of role r on `granted` cover sc? */
static bool covers(enum role r, const char *granted, const struct scope *sc)
{
    if (!sc)
        return true;
    /* A member contact's scope "alliance/org" covers the alliance "alliance". */
    const char *slash = r == ROLE_MEMBER_CONTACT ? strchr(granted, '/') : NULL;
    const char *alliance = sc->key ? sc->key : sc->alliance;
    bool contact_of = slash && (size_t)(slash - granted) == strlen(alliance) &&
                      strncmp(granted, alliance, (size_t)(slash - granted)) == 0;
    if (sc->key)
        return strcmp(granted, sc->key) == 0 || contact_of;
    switch (r) {
    case ROLE_CAST_OFFICER:
        return strcmp(granted, sc->jurisdiction) == 0;
    case ROLE_SECRETARIAT:
        return strcmp(granted, sc->alliance) == 0;
    case ROLE_MEMBER_CONTACT:
        return contact_of;
    default:
        return false;
    }
}

static bool holds_in_scope(const struct actor *who, enum role r, const struct scope *sc)
{
    for (size_t i = 0; i < who->nroles; i++)
        if (strcmp(who->roles[i].role, role_names[r]) == 0 && covers(r, who->roles[i].scope, sc))
            return true;
    return false;
}

/* The table of roles and rights, in one place: can() and can_alliance() both ask it. */
static bool decide(const struct actor *who, enum right right, const struct scope *sc)
{
    if (right == RIGHT_NONE)
        return true;
    if (!who || who->kind == ACTOR_ANONYMOUS)
        return false;
    if (who->kind == ACTOR_OPERATOR)
        return true;
    switch (right) {
    case RIGHT_NONE:
        return true;
    case RIGHT_SIGNED_IN:
        return true;
    case RIGHT_ACCOUNTS_READ:
        return holds(who, ROLE_SYSADMIN) || holds(who, ROLE_SECADMIN);
    case RIGHT_ACCOUNTS:
        return holds(who, ROLE_SYSADMIN);
    case RIGHT_ROLES:
        return holds(who, ROLE_SECADMIN);
    case RIGHT_AUDIT:
        return holds(who, ROLE_AUDITOR);
    case RIGHT_BUSINESS_READ:
        /* Given a plain key, a scope is matched by that key; given an alliance, a jurisdiction's
         * officer reaches it through its jurisdiction (can_alliance). */
        return holds_in_scope(who, ROLE_CAST_OFFICER, sc) ||
               holds_in_scope(who, ROLE_SECRETARIAT, sc) ||
               holds_in_scope(who, ROLE_MEMBER_CONTACT, sc);
    case RIGHT_DATASET:
        /* Loading whole alliances is CAST's business (第二十二条), never an administrator's. */
        return holds_in_scope(who, ROLE_CAST_OFFICER, sc);
    case RIGHT_CONTACT_READ:
        /* People's email and phone are personal information (个人信息保护法, minimum necessary):
         * the officers who deal with the alliance and its secretariat see them; a member
         * organisation's contact does not. */
        return holds_in_scope(who, ROLE_CAST_OFFICER, sc) ||
               holds_in_scope(who, ROLE_SECRETARIAT, sc);
    case RIGHT_CAST_DECIDE:
        /* CAST approves; its officers record the approvals of their own jurisdiction. The
         * alliance asking (its secretariat) never decides its own request. */
        return holds_in_scope(who, ROLE_CAST_OFFICER, sc);
    case RIGHT_ALLIANCE_EDIT:
        return holds_in_scope(who, ROLE_SECRETARIAT, sc);
    case RIGHT_ORGANISATIONS:
        /* The register of organisations is shared by every alliance: no scope applies. */
        return holds(who, ROLE_CAST_OFFICER) || holds(who, ROLE_SECRETARIAT);
    }
    return false;
}

bool can(const struct actor *who, enum right right, const char *scope)
{
    struct scope sc = {.key = scope};
    return decide(who, right, scope ? &sc : NULL);
}

bool can_alliance(const struct actor *who, enum right right, const char *jurisdiction,
                  const char *alliance)
{
    if (!jurisdiction || !alliance)
        return false; /* an alliance check without its alliance: a programming error, refused */
    struct scope sc = {.jurisdiction = jurisdiction, .alliance = alliance};
    return decide(who, right, &sc);
}

const char *role_scope_problem(enum role r, const char *scope)
{
    bool empty = !scope || !*scope;
    if (role_is_admin(r))
        return empty ? NULL : N_("This role has no scope.");
    if (empty)
        return N_("This role needs a scope.");
    if (r == ROLE_MEMBER_CONTACT) {
        const char *slash = strchr(scope, '/');
        if (!slash)
            return N_("A member contact's scope is ALLIANCE/ORGANISATION.");
        char alliance[65];
        size_t n = (size_t)(slash - scope);
        if (n >= sizeof alliance)
            return N_("The scope is not a valid key.");
        memcpy(alliance, scope, n);
        alliance[n] = '\0';
        return key_valid(alliance) && key_valid(slash + 1) ? NULL
                                                           : N_("The scope is not a valid key.");
    }
    return key_valid(scope) ? NULL : N_("The scope is not a valid key.");
}

const char *role_conflict(const struct role_row *held, size_t n, enum role r)
{
    for (size_t i = 0; i < n; i++) {
        enum role h;
        if (!role_parse(held[i].role, &h))
            continue;
        if (h == r)
            continue; /* the same role with another scope is fine */
        if (role_is_admin(h) || role_is_admin(r))
            return N_("The administrator roles (sysadmin, secadmin, auditor) cannot be combined "
                      "with any other role.");
    }
    return NULL;
}

const char *actor_label(const struct actor *who, char *out, size_t outlen)
{
    if (!who || who->kind == ACTOR_ANONYMOUS)
        snprintf(out, outlen, "anonymous");
    else if (who->kind == ACTOR_OPERATOR)
        snprintf(out, outlen, "operator:%s", who->login ? who->login : "?");
    else
        snprintf(out, outlen, "user:%s", who->login);
    return out;
}
