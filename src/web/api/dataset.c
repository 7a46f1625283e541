/* The dataset through the API: POST /api/v1/import takes a dataset as the raw body (up to 64 MiB;
 * ?dry_run=1 checks only, ?replace=1 replaces alliances and updates records of the same keys) and
 * GET /api/v1/export?alliance= answers the canonical document, byte for byte what `lianheti
 * export` writes. */
#include "dataset/dataset.h"
#include "util/text.h"
#include "web/handlers.h"

void api_import(struct request *r)
{
    int64_t dry_run = 0, replace = 0;
    if (!req_query_int(r, "dry_run", 0, 1, &dry_run) ||
        !req_query_int(r, "replace", 0, 1, &replace))
        return;
    unsigned flags = (dry_run ? DS_DRY_RUN : 0) | (replace ? DS_REPLACE : 0);
    struct ds_report rep;
    ds_report_init(&rep);
    struct fail f = {0};
    if (ds_import(r->db, &r->who, buf_str(&r->body), r->body.len, flags, &rep, &f)) {
        json_t *o = json_pack("{s:b, s:b, s:s, s:o}", "imported", !dry_run, "dry_run", dry_run != 0,
                              "sha256", rep.sha256, "counts", ds_counts_json(&rep));
        if (rep.import_id)
            json_object_set_new(o, "import", json_integer(rep.import_id));
        resp_json(r, 200, o);
    } else if (rep.nerrors) {
        json_t *e = json_pack("{s:s, s:s, s:o}", "code", f.code ? f.code : "invalid_dataset",
                              "message", T(r, f.message ? f.message : "The dataset is not valid."),
                              "details", ds_errors_json(&rep));
        resp_json(r, fail_status(f.kind), json_pack("{s:o}", "error", e));
    } else {
        resp_fail(r, &f);
    }
    ds_report_free(&rep);
}

void api_export(struct request *r)
{
    const char *alliance = req_query(r, "alliance");
    if (alliance && !*alliance)
        alliance = NULL;
    if (alliance && !key_valid(alliance)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_key", "alliance", "The alliance key is not valid.");
        return;
    }
    buf out = {0};
    struct fail f = {0};
    if (ds_export(r->db, &r->who, alliance, &out, &f))
        resp_text(r, 200, "application/json", buf_str(&out), out.len);
    else
        resp_fail(r, &f);
    buf_free(&out);
}
