/*
 * plan_version.c — the version-and-conflict step shared by the safety plan and
 * the family plan (see plan_version.h). Decides nothing about access or content;
 * the plans' pages pass their store and conflict page in a plan_versioning.
 */
#include "pages/plan_version.h"

#include "server/respond.h"
#include "store/db.h"

#include <string.h>

bool plan_refuse_closed(request *rq, const case_rec *c, const plan_versioning *pv)
{
	if (strcmp(c->status, "open") == 0)
		return false;
	tv *ctx = page_ctx(rq, "Casus gesloten");
	tv_set_str(ctx, "href", arena_printf(rq->a, "/casussen/%lld/%s", (long long)c->id, pv->path));
	tv_set_str(ctx, "what", pv->closed);
	respond_page(rq, 409, "handover_conflict", ctx);
	return true;
}

bool plan_opened_at(request *rq, int64_t *opened_at)
{
	*opened_at = -1;
	if (!form_int(&rq->form, "version", opened_at) || *opened_at < 0) {
		respond_error(rq, 400);
		return false;
	}
	return true;
}

static void conflict(request *rq, int64_t opened_at, int64_t latest, const plan_versioning *pv, void *plan)
{
	rq->audit.detail = arena_printf(rq->a, "conflict: geopend bij versie %lld, huidige versie %lld",
	                                (long long)opened_at, (long long)latest);
	pv->conflict(rq, plan, latest);
}

void plan_save_versioned(request *rq, int64_t case_id, int64_t opened_at, const plan_versioning *pv, void *plan,
                         const char *detail_suffix)
{
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	int64_t latest = pv->latest_n(case_id);
	if (latest != opened_at) {
		db_rollback();
		conflict(rq, opened_at, latest, pv, plan);
		return;
	}
	int64_t n = pv->save(rq, plan, opened_at);
	if (n == 0) {
		latest = pv->latest_n(case_id);
		db_rollback();
		conflict(rq, opened_at, latest, pv, plan);
		return;
	}
	if (n < 0 || !db_commit()) {
		if (n < 0)
			db_rollback();
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = arena_printf(rq->a, "%s versie %lld%s", pv->label, (long long)n, detail_suffix);
	respond_redirect(rq, arena_printf(rq->a, "/casussen/%lld/%s?opgeslagen=%lld", (long long)case_id, pv->path,
	                                  (long long)n));
}
