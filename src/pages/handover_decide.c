/*
 * handover_decide.c — the changes on a submitted handover: Veilig Thuis adds an
 * addendum; the receiving team takes it (from the joint triage with a reason),
 * plans or records the warm handover, accepts it (opening the family's case or
 * reusing its open one, naming the regisseur) or returns it with a category and
 * a reason. Accepting and returning ask for confirmation first
 * (handover_confirm.c).
 *
 * Handlers only check the state a change needs (409 otherwise); every change
 * runs in one transaction. A failed form is shown again on the handover page
 * (handover_show_again) with all input and a Dutch message per field.
 */
#include "pages/handovers.h"
#include "pages/handovers_int.h"

#include "store/roles.h"
#include "server/flash.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/db.h"
#include "store/user.h"
#include "util/date.h"

#include <string.h>

/* Finish a change: commit and go back to the handover, or 409 when the state did
 * not allow it (someone else was first). */
static void finish(request *rq, bool ok, const char *detail, const char *message)
{
	if (!ok) {
		db_rollback();
		hv_conflict(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)rq->ids[0]), "de overdracht");
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = detail;
	flash_set(rq, message);
	respond_redirect(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)rq->ids[0]));
}

void page_handover_addendum(request *rq)
{
	const char *text = hv_trimmed(rq->a, form_get(&rq->form, "text"));
	if (!*text && !form_error(&rq->form, "text"))
		form_add_error(&rq->form, "text", "Schrijf de aanvulling of correctie.");
	if (form_has_errors(&rq->form) || !db_begin()) {
		handover_show_again(rq, 422, "addendum");
		return;
	}
	finish(rq, handover_addendum_add(rq->ids[0], rq->user->id, text), "aanvulling", "De aanvulling is toegevoegd.");
}

void page_handover_take(request *rq)
{
	handover_rec h;
	if (!handover_get(rq->a, rq->ids[0], &h)) {
		respond_error(rq, 404);
		return;
	}
	const char *reason = hv_trimmed(rq->a, form_get(&rq->form, "reason"));
	if (h.receiving_triage && !h.receiving_org_id && !*reason && !form_error(&rq->form, "reason"))
		form_add_error(&rq->form, "reason", "Schrijf waarom uw team deze overdracht oppakt.");
	if (!*reason)
		reason = "Rechtstreeks aan dit team overgedragen.";
	if (form_has_errors(&rq->form) || !db_begin()) {
		handover_show_again(rq, 422, "take");
		return;
	}
	finish(rq, handover_take(h.id, rq->user->org_id, rq->user->id, reason), "opgepakt door team",
	       "De overdracht is opgepakt voor uw team.");
}

void page_handover_warm(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	kr_date today = kr_date_today_nl(), d;
	handover_rec h;
	if (!handover_get(a, rq->ids[0], &h)) {
		respond_error(rq, 404);
		return;
	}
	kr_date submitted = today;
	handover_date_of(h.submitted_at, &submitted);
	const char *submitted_text = hv_date(a, h.submitted_at);
	handover_warm w = {
		.planned_date = form_str(f, "planned_date"),
		.held_date = form_str(f, "held_date"),
		.present = hv_trimmed(a, form_get(f, "present")),
		.family_present = form_str(f, "family_present"),
		.family_reason = hv_trimmed(a, form_get(f, "family_reason")),
		.outcome = hv_trimmed(a, form_get(f, "outcome")),
	};
	if (!*w.planned_date && !*w.held_date && !form_error(f, "planned_date") && !form_error(f, "held_date"))
		form_add_error(f, "planned_date", "Vul de geplande datum in, of de datum waarop de warme overdracht plaatsvond.");
	if (*w.planned_date && !form_error(f, "planned_date") && kr_date_parse_iso(w.planned_date, &d)) {
		if (kr_date_cmp(d, submitted) < 0)
			form_add_error(f, "planned_date", arena_printf(a, "De warme overdracht kan niet gepland zijn vóór de"
			                                                 " indiening van de overdracht (%s).", submitted_text));
		else if (kr_date_cmp(d, kr_date_add_days(today, 366)) > 0)
			form_add_error(f, "planned_date", "Plan de warme overdracht binnen een jaar.");
	}
	if (!*w.held_date && *h.warm_held_date && !form_error(f, "held_date"))
		form_add_error(f, "held_date", arena_printf(a, "De warme overdracht is al vastgelegd als gehouden op %s. Vul de"
		                                              " datum in waarop hij plaatsvond; een correctie wordt naast de"
		                                              " eerdere vastlegging bewaard.", hv_date(a, h.warm_held_date)));
	if (*w.held_date && !form_error(f, "held_date")) {
		if (kr_date_parse_iso(w.held_date, &d) && kr_date_cmp(d, today) > 0)
			form_add_error(f, "held_date", "Een warme overdracht die plaatsvond kan niet in de toekomst liggen.");
		else if (kr_date_parse_iso(w.held_date, &d) && kr_date_cmp(d, submitted) < 0)
			form_add_error(f, "held_date", arena_printf(a, "De warme overdracht kan niet vóór de indiening van de"
			                                              " overdracht (%s) hebben plaatsgevonden.", submitted_text));
		hv_req_text(f, "present", w.present, "Schrijf wie er aanwezig waren.");
		hv_req_text(f, "family_present", w.family_present, "Geef aan of het gezin aanwezig was.");
		if (strcmp(w.family_present, "nee") == 0)
			hv_req_text(f, "family_reason", w.family_reason, "Schrijf waarom het gezin niet aanwezig was.");
		hv_req_text(f, "outcome", w.outcome, "Schrijf de uitkomst van de warme overdracht.");
	}
	if (form_has_errors(f) || !db_begin()) {
		handover_show_again(rq, 422, "warm");
		return;
	}
	finish(rq, handover_record_warm(rq->ids[0], rq->user->id, &w),
	       *w.held_date ? "warme overdracht vastgelegd" : "warme overdracht gepland",
	       *w.held_date ? "De warme overdracht is vastgelegd." : "De warme overdracht is gepland.");
}

void page_handover_accept(request *rq)
{
	arena *a = rq->a;
	form *f = &rq->form;
	handover_rec h;
	if (!handover_get(a, rq->ids[0], &h)) {
		respond_error(rq, 404);
		return;
	}
	const char *back = arena_printf(a, "/overdrachten/%lld", (long long)h.id);
	if (strcmp(h.status, "ingediend") != 0 && strcmp(h.status, "in_behandeling") != 0) {
		hv_conflict(rq, back, "de overdracht");
		return;
	}
	int64_t director = 0;
	user_rec d;
	if (!form_error(f, "director") &&
	    (!form_int(f, "director", &director) || !user_get(a, director, &d) || !d.active ||
	     d.org_id != rq->user->org_id || !(d.roles & ROLE_PROFESSIONAL)))
		form_add_error(f, "director", "Kies als regisseur een professional van uw eigen team.");
	handover_acceptance acc = {.director = director};
	/* from the joint triage: why this team, also when it was not taken first */
	acc.take_reason = hv_trimmed(a, form_get(f, "take_reason"));
	if (h.receiving_triage && !h.taken_org_id && !*acc.take_reason && !form_error(f, "take_reason"))
		form_add_error(f, "take_reason", "Schrijf waarom uw team deze overdracht oppakt.");
	/* the family's open case keeps its regisseur unless the change is explicit */
	bool open = false;
	int64_t known = case_known_for_handover(h.id, rq->user->org_id, 0, &open);
	case_rec kc;
	if (known && open && !form_error(f, "director") && case_get(a, known, &kc) && kc.director_id != director) {
		acc.change_reason = hv_trimmed(a, form_get(f, "director_change_reason"));
		const char *prev = form_str(f, "previous_director");
		if (!*acc.change_reason && !form_error(f, "director_change_reason"))
			form_add_error(f, "director_change_reason",
			               arena_printf(a, "Casus %lld van dit gezin heeft al %s als regisseur. Kies %s, of schrijf"
			                               " waarom de regie wisselt.", (long long)known, kc.director_name,
			                            kc.director_name));
		if (!*prev && !form_error(f, "previous_director"))
			form_add_error(f, "previous_director",
			               arena_printf(a, "Geef aan of %s bij de casus betrokken blijft.", kc.director_name));
		acc.keep_previous = strcmp(prev, "ja") == 0;
	}
	/* one family, one case: a case next to another local team's open case of the
	 * household only with the team leader's reason */
	const char *parallel = "";
	if (!(known && open)) {
		size_t nk;
		handover_known_team *kt = handover_known_teams(a, h.id, 0, &nk);
		const char *names = NULL;
		for (size_t i = 0; i < nk; i++)
			if (kt[i].open && kt[i].org_id != rq->user->org_id)
				names = names ? arena_printf(a, "%s en %s", names, kt[i].org_name) : kt[i].org_name;
		if (names) {
			parallel = hv_trimmed(a, form_get(f, "parallel_reason"));
			if (!*parallel && !form_error(f, "parallel_reason"))
				form_add_error(f, "parallel_reason",
				               arena_printf(a, "%s heeft al een open casus van dit gezin. Laat dat team de overdracht"
				                               " oppakken, of schrijf waarom er een tweede casus naast komt.", names));
		}
	}
	if (form_has_errors(f)) {
		handover_show_again(rq, 422, "accept");
		return;
	}
	if (handover_confirm_back(rq)) {
		handover_show_again(rq, 200, "accept");
		return;
	}
	if (!handover_confirmed(rq)) {
		tv *facts = tv_list(a);
		handover_confirm_fact(a, facts, "Overdracht", arena_printf(a, "%lld: %s", (long long)h.id, h.household_name));
		handover_confirm_fact(a, facts, "Regisseur", d.name);
		if (known && open)
			handover_confirm_fact(a, facts, "Casus", arena_printf(a, "De overdracht wordt toegevoegd aan casus %lld van"
			                                                         " dit gezin.", (long long)known));
		else
			handover_confirm_fact(a, facts, "Casus", "Er wordt een nieuwe casus geopend.");
		if (acc.change_reason && *acc.change_reason)
			handover_confirm_fact(a, facts, "Wissel van regisseur", acc.change_reason);
		if (*acc.take_reason)
			handover_confirm_fact(a, facts, "Waarom uw team", acc.take_reason);
		if (*parallel)
			handover_confirm_fact(a, facts, "Waarom een tweede casus", parallel);
		handover_show_confirm(rq, "Overdracht accepteren?",
		                      arena_printf(a, "U accepteert deze overdracht voor %s.", rq->user->org_name), facts,
		                      "Ja, accepteren");
		return;
	}
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	int64_t case_id = 0, household_id = 0;
	bool ok = handover_open_case(a, &h, rq->user->org_id, &acc, rq->user->id, &case_id, &household_id) &&
	          (!*parallel || handover_set_parallel_reason(h.id, parallel));
	if (!ok) {
		db_rollback();
		hv_conflict(rq, back, "de overdracht");
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	rq->audit.household_id = household_id;
	rq->audit.detail = acc.change_reason && *acc.change_reason
	                       ? arena_printf(a, "geaccepteerd; casus %lld; regisseur gewijzigd", (long long)case_id)
	                       : arena_printf(a, "geaccepteerd; casus %lld", (long long)case_id);
	flash_set(rq, arena_printf(a, "De overdracht is geaccepteerd; regisseur van casus %lld is %s.", (long long)case_id,
	                           d.name));
	respond_redirect(rq, arena_printf(a, "/casussen/%lld", (long long)case_id));
}

void page_handover_return(request *rq)
{
	form *f = &rq->form;
	const char *reason = hv_trimmed(rq->a, form_get(f, "reason"));
	const char *category = form_str(f, "reason_category");
	hv_req_text(f, "reason", reason, "Schrijf waarom de overdracht wordt teruggelegd bij Veilig Thuis.");
	/* never a default: the category is counted in /cijfers */
	hv_req_text(f, "reason_category", category, "Kies de soort reden; die telt mee in de cijfers.");
	if (form_has_errors(f)) {
		handover_show_again(rq, 422, "return");
		return;
	}
	if (handover_confirm_back(rq)) {
		handover_show_again(rq, 200, "return");
		return;
	}
	if (!handover_confirmed(rq)) {
		arena *a = rq->a;
		handover_rec h;
		if (!handover_get(a, rq->ids[0], &h)) {
			respond_error(rq, 404);
			return;
		}
		tv *facts = tv_list(a);
		handover_confirm_fact(a, facts, "Overdracht", arena_printf(a, "%lld: %s", (long long)h.id, h.household_name));
		handover_confirm_fact(a, facts, "Soort reden", handover_return_category_label(category));
		handover_confirm_fact(a, facts, "Toelichting voor Veilig Thuis", reason);
		handover_show_confirm(rq, "Overdracht terugleggen?",
		                      "U legt deze overdracht terug bij Veilig Thuis; uw team pakt hem dan niet op.", facts,
		                      "Ja, terugleggen");
		return;
	}
	if (!db_begin()) {
		handover_show_again(rq, 422, "return");
		return;
	}
	finish(rq, handover_return(rq->ids[0], rq->user->id, category, reason), "teruggelegd",
	       "De overdracht is teruggelegd bij Veilig Thuis.");
}
