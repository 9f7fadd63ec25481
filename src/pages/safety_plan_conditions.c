/*
 * safety_plan_conditions.c — the case's safety conditions in ONE form (issue 7
 * item 6): every condition's status, a short note with each change (required for
 * "niet nageleefd") and each condition's history. Replaces one form per condition,
 * whose "Opslaan" silently dropped what was chosen in the others.
 *
 * The form carries, per condition, the status it showed (`was`): a condition that
 * someone else changed in the meantime is not overwritten — the form comes back
 * (409) with the other person's status, the user's own choices and notes kept.
 * Access: the route table (the regisseur, access_case_director). Conditions are
 * the same checkable items as on the case page and in the plan (store/case.h).
 */
#include "pages/safety_plan.h"
#include "pages/safety_plan_int.h"

#include "pages/handovers.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/db.h"
#include "store/safety_plan_conditions.h"

#include <string.h>

/* Index of condition id in the submitted `condition` fields, or -1. */
static long submitted_index(request *rq, int64_t id)
{
	const char **ids;
	size_t n = form_all(&rq->form, "condition", &ids);
	for (size_t i = 0; i < n; i++) {
		int64_t v;
		if (parse_id(ids[i], &v) && v == id)
			return (long)i;
	}
	return -1;
}

static const char *submitted(request *rq, const char *field, long i)
{
	if (i < 0)
		return NULL;
	const char **vals;
	size_t n = form_all(&rq->form, field, &vals);
	return (size_t)i < n ? vals[i] : NULL;
}

void sp_conditions_put(request *rq, tv *ctx, int64_t case_id, bool editable)
{
	arena *a = rq->a;
	size_t n, nh;
	sp_condition_change *h;
	case_condition *k = sp_conditions_with_history(a, case_id, &n, &h, &nh);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_put_int(o, "id", k[i].id);
		tv_put_int(o, "n", (int64_t)i + 1);
		tv_put_str(o, "text", k[i].text);
		tv_put_str(o, "status", k[i].status);
		tv_put_str(o, "status_label", case_condition_status_label(k[i].status));
		tv_put_bool(o, "broken", strcmp(k[i].status, "niet_nageleefd") == 0);
		tv_put_bool(o, "from_handover", k[i].handover_id > 0);
		tv_put_str(o, "changed_by", k[i].changed_by_name);
		tv_put_str(o, "changed_at", hv_datetime(a, k[i].changed_at));
		tv *hist = tv_list(a);
		for (size_t j = 0; j < nh; j++) {
			if (h[j].condition_id != k[i].id)
				continue;
			tv *x = tv_obj(a);
			tv_put_str(x, "status_label", case_condition_status_label(h[j].status));
			tv_put_str(x, "note", h[j].note);
			tv_put_str(x, "by", h[j].by_name);
			tv_put_str(x, "at", hv_datetime(a, h[j].at));
			tv_push(hist, x);
		}
		tv_put(o, "history", hist);
		tv_put_bool(o, "has_history", tv_list_len(hist) > 0);
		if (editable) {
			long si = submitted_index(rq, k[i].id);
			const char *chosen = submitted(rq, "status", si);
			const char *note = submitted(rq, "note", si);
			/* a condition someone else changed meanwhile shows its new status as "was" */
			tv_put_str(o, "was", k[i].status);
			tv_put_str(o, "note", note ? note : "");
			const char *sel = chosen && *chosen ? chosen : k[i].status;
			tv *opts = tv_list(a);
			for (size_t s = 0; case_condition_statuses[s]; s++) {
				tv *x = tv_obj(a);
				tv_put_str(x, "value", case_condition_statuses[s]);
				tv_put_str(x, "label", case_condition_status_label(case_condition_statuses[s]));
				tv_put_bool(x, "selected", strcmp(sel, case_condition_statuses[s]) == 0);
				tv_push(opts, x);
			}
			tv_put(o, "options", opts);
			/* the field names are formatted only when the form has messages at all */
			bool msgs = rq->form.nerrors > 0;
			const char *es = msgs ? form_error(&rq->form, arena_printf(a, "status-%lld", (long long)k[i].id)) : NULL;
			const char *en = msgs ? form_error(&rq->form, arena_printf(a, "note-%lld", (long long)k[i].id)) : NULL;
			if (es)
				tv_put_str(o, "status_error", es);
			if (en)
				tv_put_str(o, "note_error", en);
		}
		tv_push(list, o);
	}
	tv_put(ctx, "conditions", list);
	tv_put_bool(ctx, "has_conditions", n > 0);
	tv_put_bool(ctx, "can_edit_conditions", editable && n > 0);
	tv_put_int(ctx, "conditions_case_id", case_id);
	tv_put_str(ctx, "conditions_back", strcmp(form_str(&rq->form, "terug"), "plan") == 0 ? "plan" : "casus");
}

static void show_conditions(request *rq, int status)
{
	arena *a = rq->a;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	tv *ctx = page_ctx(rq, arena_printf(a, "Veiligheidsvoorwaarden — casus %s", c.household_name));
	page_add_form(ctx, &rq->form);
	tv_put_int(ctx, "case_id", c.id);
	tv_put_str(ctx, "household_name", c.household_name);
	sp_conditions_put(rq, ctx, c.id, true);
	respond_page(rq, status, "safety_plan_conditions_page", ctx);
}

void page_safety_conditions_update(request *rq)
{
	arena *a = rq->a;
	form *f = &rq->form;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	if (strcmp(c.status, "open") != 0) {
		tv *ctx = page_ctx(rq, "Casus gesloten");
		tv_put_str(ctx, "href", arena_printf(a, "/casussen/%lld", (long long)c.id));
		tv_put_str(ctx, "what", "de casus (gesloten)");
		respond_page(rq, 409, "handover_conflict", ctx);
		return;
	}
	const char **ids, **statuses, **was, **notes;
	size_t n = form_all(f, "condition", &ids);
	size_t ns = form_all(f, "status", &statuses);
	size_t nw = form_all(f, "was", &was);
	size_t nn = form_all(f, "note", &notes);
	if (ns != n || nw != n || nn != n) {
		respond_error(rq, 400);
		return;
	}
	if (form_has_errors(f) || !db_begin()) {
		show_conditions(rq, 422);
		return;
	}
	size_t nk;
	case_condition *k = case_conditions(a, c.id, &nk);
	int changed = 0;
	bool conflict = false;
	const char *detail = "";
	for (size_t i = 0; i < n; i++) {
		int64_t id;
		const case_condition *cur = NULL;
		if (parse_id(ids[i], &id))
			for (size_t j = 0; j < nk; j++)
				if (k[j].id == id)
					cur = &k[j];
		if (!cur) { /* not a condition of this case */
			db_rollback();
			respond_error(rq, 404);
			return;
		}
		const char *status = statuses[i], *note = notes[i];
		while (*note == ' ')
			note++;
		if (!*status)
			status = cur->status;
		bool mine = strcmp(status, was[i]) != 0;
		if (!mine && !*note)
			continue; /* untouched */
		if (mine && strcmp(cur->status, was[i]) != 0 && strcmp(cur->status, status) != 0) {
			form_add_error(f, arena_printf(a, "status-%lld", (long long)id),
			               arena_printf(a, "%s heeft deze voorwaarde intussen op \"%s\" gezet. Kies opnieuw;"
			                               " uw toelichting staat er nog.",
			                            *cur->changed_by_name ? cur->changed_by_name : "Iemand anders",
			                            case_condition_status_label(cur->status)));
			conflict = true;
			continue;
		}
		if (strcmp(status, "niet_nageleefd") == 0 && mine && !*note) {
			form_add_error(f, arena_printf(a, "note-%lld", (long long)id),
			               "Schrijf kort wat er niet is nageleefd.");
			continue;
		}
		if (!sp_condition_set(c.id, id, status, note, rq->user->id)) {
			db_rollback();
			respond_error(rq, 500);
			return;
		}
		changed++;
		detail = arena_printf(a, "%s%svoorwaarde %lld: %s", detail, *detail ? "; " : "", (long long)id, status);
	}
	if (form_has_errors(f)) {
		db_rollback(); /* all or nothing: the user corrects and sends everything again */
		show_conditions(rq, conflict ? 409 : 422);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = changed ? detail : "geen wijziging";
	const char *back = form_str(f, "terug");
	respond_redirect(rq, strcmp(back, "plan") == 0
	                         ? arena_printf(a, "/casussen/%lld/veiligheidsplan#voorwaarden", (long long)c.id)
	                         : arena_printf(a, "/casussen/%lld#voorwaarden-kop", (long long)c.id));
}
