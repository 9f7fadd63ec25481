/*
 * handover_twin.c — the confirmation page shown when Veilig Thuis is about to
 * create or submit a handover for a family it already handed over recently (the
 * same household name and members; see handover_recent_twin). Typical cause: Back
 * after "Indienen" reloads the form with a fresh one-time key, and "Indienen"
 * again would silently make a second handover.
 *
 * The page links the earlier handover and carries the whole submitted form along
 * in hidden fields, so "Toch opslaan" sends exactly what was typed and "Terug naar
 * het formulier" shows it again: nothing is lost, nothing is stored until the
 * user chooses. Works without JavaScript.
 */
#include "pages/handovers.h"

#include "auth/audit.h"
#include "server/respond.h"

#include <string.h>

enum { TWIN_DAYS = 30 };

int64_t handover_twin_of(request *rq, int64_t exclude_id, const handover_input *in)
{
	if (strcmp(form_str(&rq->form, "dubbel_bevestigd"), "ja") == 0)
		return 0; /* the user saw the earlier one and chose to go on */
	return handover_recent_twin(rq->a, rq->user->org_id, exclude_id, in->household_name, in->members,
	                            in->nmembers, TWIN_DAYS);
}

void handover_show_twin(request *rq, int64_t twin, const char *form_action, bool submit)
{
	arena *a = rq->a;
	tv *ctx = page_ctx(rq, "Deze overdracht lijkt al verstuurd");
	handover_rec h;
	if (handover_get(a, twin, &h)) {
		tv_set_int(ctx, "twin_id", h.id);
		tv_set_str(ctx, "twin_household", h.household_name);
		audit_note_household(rq, h.household_id); /* another handover's family, named here */
		tv_set_str(ctx, "twin_submitted", hv_datetime(a, h.submitted_at));
		tv_set_str(ctx, "twin_status", handover_status_label(h.status));
		tv_set_str(ctx, "twin_author", h.created_by_name);
	}
	tv_set_str(ctx, "form_action", form_action);
	tv_set_str(ctx, "action", submit ? "indienen" : "concept");
	tv_set_bool(ctx, "submit", submit);
	tv *fields = tv_list(a);
	const form *f = &rq->form;
	for (size_t i = 0; i < f->count; i++) {
		const char *name = f->fields[i].name;
		if (strcmp(name, "csrf") == 0 || strcmp(name, "action") == 0 || strcmp(name, "dubbel_bevestigd") == 0)
			continue;
		tv *o = tv_obj(a);
		tv_set_str(o, "name", name);
		tv_set_str(o, "value", f->fields[i].value);
		tv_push(fields, o);
	}
	tv_set(ctx, "fields", fields);
	respond_page(rq, 409, "handover_twin", ctx);
}
