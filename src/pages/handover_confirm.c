/*
 * handover_confirm.c — the confirmation step of the irreversible decisions on a
 * handover: accepting it (a case is opened or reused, a regisseur named) and
 * returning it to Veilig Thuis. The decision form posts once; the handler shows
 * what will happen with the whole form in hidden fields; only a second post with
 * bevestigd=ja changes anything, and "Terug, nog wijzigen" shows the form again
 * with everything typed. Works without JavaScript.
 */
#include "pages/handovers.h"

#include "server/respond.h"

#include <string.h>

bool handover_confirmed(request *rq)
{
	return strcmp(form_str(&rq->form, "bevestigd"), "ja") == 0;
}

bool handover_confirm_back(request *rq)
{
	return strcmp(form_str(&rq->form, "bevestigd"), "wijzigen") == 0;
}

tv *handover_confirm_fact(arena *a, tv *facts, const char *label, const char *value)
{
	tv *o = tv_obj(a);
	tv_set_str(o, "label", label);
	tv_set_str(o, "value", value);
	tv_push(facts, o);
	return o;
}

void handover_show_confirm(request *rq, const char *title, const char *intro, tv *facts, const char *confirm_label)
{
	arena *a = rq->a;
	tv *ctx = page_ctx(rq, title);
	tv_set_str(ctx, "intro", intro);
	tv_set(ctx, "facts", facts);
	tv_set_str(ctx, "confirm_label", confirm_label);
	tv_set_str(ctx, "form_action", rq->path);
	tv *fields = tv_list(a);
	const form *f = &rq->form;
	for (size_t i = 0; i < f->count; i++) {
		const char *name = f->fields[i].name;
		if (strcmp(name, "csrf") == 0 || strcmp(name, "bevestigd") == 0)
			continue;
		tv *o = tv_obj(a);
		tv_set_str(o, "name", name);
		tv_set_str(o, "value", f->fields[i].value);
		tv_push(fields, o);
	}
	tv_set(ctx, "fields", fields);
	rq->audit.detail = "bevestiging gevraagd, niets opgeslagen";
	respond_page(rq, 200, "handover_confirm", ctx);
}
