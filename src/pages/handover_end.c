/*
 * handover_end.c — Veilig Thuis ends what it sent, so that no handover is a dead
 * end: delete a concept, withdraw a submitted handover no team took yet, close a
 * returned handover with a reason, or send a returned handover again (a new
 * concept with everything copied, linked to the returned one; VT chooses the
 * team or the triage and submits it as usual).
 *
 * The route table admits only the VT organisation that wrote the handover
 * (access_handover_concept / access_handover_sent); the handlers check the state
 * (409 when it changed meanwhile). Deleting, withdrawing and closing cannot be
 * undone: each asks for confirmation on a second page first (handover_confirm.c).
 */
#include "pages/handovers.h"

#include "server/flash.h"
#include "server/respond.h"
#include "store/db.h"

#include <string.h>

static const char *trimmed_reason(request *rq)
{
	const char *s = form_get(&rq->form, "reason");
	if (!s)
		return "";
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(rq->a, s, n);
}

static void conflict_back(request *rq, const char *href)
{
	rq->conflict.message = "Deze overdracht is intussen al verder gegaan (opgepakt, besloten of beëindigd). Er is"
	                       " niets gewijzigd.";
	rq->conflict.back_href = href;
	rq->conflict.back_label = "Terug naar de overdracht";
	respond_conflict(rq);
}

/* Run change() in a transaction; 409 when the state did not allow it. */
static bool commit_or_conflict(request *rq, bool ok)
{
	if (!ok) {
		db_rollback();
		conflict_back(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)rq->ids[0]));
		return false;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return false;
	}
	return true;
}

static bool load(request *rq, handover_rec *h)
{
	if (!handover_get(rq->a, rq->ids[0], h)) {
		respond_error(rq, 404);
		return false;
	}
	return true;
}

static tv *facts_of(request *rq, const handover_rec *h, const char *reason)
{
	tv *facts = tv_list(rq->a);
	handover_confirm_fact(rq->a, facts, "Overdracht",
	                      arena_printf(rq->a, "%lld: %s", (long long)h->id,
	                                   *h->household_name ? h->household_name : "(naam nog niet ingevuld)"));
	if (reason)
		handover_confirm_fact(rq->a, facts, "Reden", reason);
	return facts;
}

void page_handover_delete(request *rq)
{
	handover_rec h;
	if (!load(rq, &h))
		return;
	if (!handover_confirmed(rq)) {
		if (handover_confirm_back(rq)) {
			respond_redirect(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)h.id));
			return;
		}
		handover_show_confirm(rq, "Concept verwijderen?", "Het concept en alles wat erin staat wordt verwijderd.",
		                      facts_of(rq, &h, NULL), "Ja, concept verwijderen");
		return;
	}
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	if (!commit_or_conflict(rq, handover_delete_concept(h.id)))
		return;
	rq->audit.detail = "concept verwijderd";
	flash_set(rq, arena_printf(rq->a, "Concept %lld is verwijderd.", (long long)h.id));
	respond_redirect(rq, "/overdrachten");
}

/* Withdraw and close share their shape: a required reason, a confirmation step,
 * one state change. */
static void end_with_reason(request *rq, const char *failed, bool withdraw)
{
	handover_rec h;
	if (!load(rq, &h))
		return;
	const char *reason = trimmed_reason(rq);
	if (!*reason && !form_error(&rq->form, "reason"))
		form_add_error(&rq->form, "reason", withdraw ? "Schrijf waarom Veilig Thuis de overdracht intrekt."
		                                             : "Schrijf waarom Veilig Thuis deze overdracht afsluit.");
	if (form_has_errors(&rq->form)) {
		handover_show_again(rq, 422, failed);
		return;
	}
	if (handover_confirm_back(rq)) {
		handover_show_again(rq, 200, failed);
		return;
	}
	if (!handover_confirmed(rq)) {
		if (withdraw)
			handover_show_confirm(rq, "Overdracht intrekken?",
			                      "De overdracht verdwijnt uit de inbox van de lokale teams.", facts_of(rq, &h, reason),
			                      "Ja, intrekken");
		else
			handover_show_confirm(rq, "Teruggelegde overdracht afsluiten?",
			                      "De overdracht verdwijnt uit uw lijst 'Actie nodig'.", facts_of(rq, &h, reason),
			                      "Ja, afsluiten");
		return;
	}
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	bool ok = withdraw ? handover_withdraw(h.id, rq->user->id, reason)
	                   : handover_close_returned(h.id, rq->user->id, reason);
	if (!commit_or_conflict(rq, ok))
		return;
	rq->audit.detail = withdraw ? "ingetrokken" : "teruggelegde overdracht afgesloten";
	flash_set(rq, withdraw ? "De overdracht is ingetrokken." : "De teruggelegde overdracht is afgesloten.");
	respond_redirect(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)h.id));
}

void page_handover_withdraw(request *rq)
{
	end_with_reason(rq, "withdraw", true);
}

void page_handover_close(request *rq)
{
	end_with_reason(rq, "close", false);
}

void page_handover_resend(request *rq)
{
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	int64_t copy = handover_resend(rq->a, rq->ids[0], rq->user->id);
	if (!commit_or_conflict(rq, copy > 0))
		return;
	rq->audit.object_id = copy;
	rq->audit.detail = arena_printf(rq->a, "kopie van teruggelegde overdracht %lld", (long long)rq->ids[0]);
	flash_set(rq, arena_printf(rq->a, "Overdracht %lld is gekopieerd naar dit concept. Kies het ontvangende team of"
	                                  " de gezamenlijke triage, vul aan waar nodig en dien het in.",
	                           (long long)rq->ids[0]));
	respond_redirect(rq, arena_printf(rq->a, "/overdrachten/%lld/bewerken", (long long)copy));
}
