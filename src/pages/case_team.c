/*
 * case_team.c — the case team on the case page (issue 7): who is involved, on
 * what legal basis, whether the family was informed, which parts each may see;
 * the invitation of a person of an organisation (POST /casussen/{id}/betrokkenen)
 * and the end of an involvement (POST …/betrokkenen/{id}/beeindigen).
 *
 * Who may invite or end is the route table's and access.c's business; what a
 * reader of the case page sees of the team follows from his/her mask of parts
 * (case_parts_of). Must never let a partner's involvement name the handover, and
 * never invite someone who is not an activated account of an active organisation.
 */
#include "pages/case_team.h"

#include "auth/case_parts.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "store/db.h"
#include "store/involvement.h"
#include "util/date.h"

#include <string.h>

bool case_team_sees_all(unsigned parts)
{
	const unsigned all_but_handover = PART_ALL & ~PART_OVERDRACHT;
	return (parts & all_but_handover) == all_but_handover;
}

static bool local_team(const char *kind)
{
	return strcmp(kind, "wijkteam") == 0 || strcmp(kind, "buurtteam") == 0;
}

static const char *role_label(const char *role)
{
	if (strcmp(role, "team") == 0)
		return "team van de casus";
	if (strcmp(role, "regisseur") == 0)
		return "regisseur";
	if (strcmp(role, "overdragend") == 0)
		return "overdragende organisatie";
	return "betrokken";
}

/* "Gezin, Veiligheidsvoorwaarden, …" for a partner's parts; "alle delen" otherwise. */
static const char *parts_text(arena *a, const involvement *v)
{
	if (!v->user_id || strcmp(v->role, "betrokken") != 0 || local_team(v->org_kind))
		return "alle delen";
	strbuf sb;
	sb_init(&sb, a);
	unsigned parts = v->parts | PART_BASIS;
	for (int i = 0; i < PART_COUNT; i++) {
		unsigned bit = case_part_at(i);
		if (!(parts & bit) || bit == PART_OVERDRACHT)
			continue;
		if (sb.len)
			sb_puts(&sb, "; ");
		sb_puts(&sb, case_part_label(bit));
	}
	return sb.len ? sb.data : "";
}

static tv *involvement_tv(request *rq, const involvement *v, const char *failed_end)
{
	arena *a = rq->a;
	tv *o = tv_obj(a);
	tv_put_int(o, "id", v->id);
	tv_put_str(o, "org", v->org_name);
	tv_put_str(o, "person", v->user_name);
	tv_put_str(o, "role", role_label(v->role));
	tv_put_str(o, "role_in_case", v->role_in_case);
	tv_put_str(o, "since", hv_date(a, v->since));
	tv_put_str(o, "invited_by", v->invited_by_name);
	tv_put_str(o, "basis", involvement_basis_label(v->basis));
	tv_put_str(o, "consent_of", v->consent_of);
	tv_put_str(o, "consent_on", hv_date(a, v->consent_on));
	tv_put_str(o, "basis_reason", v->basis_reason);
	tv_put_bool(o, "informed_ja", strcmp(v->family_informed, "ja") == 0);
	tv_put_bool(o, "informed_nee", strcmp(v->family_informed, "nee") == 0);
	tv_put_str(o, "informed_on", hv_date(a, v->informed_on));
	tv_put_str(o, "informed_by", v->informed_by);
	tv_put_str(o, "not_informed_reason", v->not_informed_reason);
	tv_put_str(o, "parts", parts_text(a, v));
	tv_put_bool(o, "endable", !v->ended && strcmp(v->role, "betrokken") == 0 && v->user_id);
	tv_put_str(o, "ended_on", hv_date(a, v->ended_on));
	tv_put_str(o, "ended_at", hv_datetime(a, v->ended_at));
	tv_put_str(o, "ended_reason", v->ended_reason);
	tv_put_str(o, "ended_by", v->ended_by_name);
	if (failed_end && rq->nids >= 2 && rq->ids[1] == v->id) {
		tv_put_bool(o, "failed", true);
		tv_put_str(o, "error_ended_on", form_error(&rq->form, "ended_on"));
		tv_put_str(o, "error_ended_reason", form_error(&rq->form, "ended_reason"));
		tv_put_str(o, "value_ended_on", form_str(&rq->form, "ended_on"));
		tv_put_str(o, "value_ended_reason", form_get(&rq->form, "ended_reason"));
	}
	return o;
}

/* The invite form's choices, with the submitted values selected after an error. */
static void invite_choices(request *rq, tv *ctx, const involvement *inv, size_t ninv, bool failed)
{
	arena *a = rq->a;
	int64_t chosen_org = 0, chosen_user = 0;
	if (failed) {
		form_int(&rq->form, "organisation", &chosen_org);
		form_int(&rq->form, "user", &chosen_user);
	}
	size_t n;
	invite_candidate *cand = involvement_candidates_except(a, inv, ninv, &n);
	tv *orgs = tv_list(a), *groups = tv_list(a);
	tv *group = NULL, *people = NULL;
	int64_t last_org = 0;
	for (size_t i = 0; i < n; i++) {
		if (cand[i].org_id != last_org) {
			last_org = cand[i].org_id;
			tv *o = tv_obj(a);
			tv_put_int(o, "value", cand[i].org_id);
			tv_put_str(o, "label", cand[i].org_name);
			tv_put_bool(o, "selected", cand[i].org_id == chosen_org);
			tv_push(orgs, o);
			group = tv_obj(a);
			tv_put_str(group, "label", cand[i].org_name);
			people = tv_list(a);
			tv_put(group, "people", people);
			tv_push(groups, group);
		}
		tv *p = tv_obj(a);
		tv_put_int(p, "value", cand[i].user_id);
		strbuf label;
		sb_init(&label, a);
		sb_puts(&label, cand[i].user_name);
		sb_puts(&label, cand[i].partner ? " (ketenpartner)" : " (professional)");
		tv_put_str(p, "label", label.data);
		tv_put_bool(p, "selected", cand[i].user_id == chosen_user);
		tv_push(people, p);
	}
	tv_put(ctx, "invite_orgs", orgs);
	tv_put(ctx, "invite_people", groups);
	tv_put_bool(ctx, "invite_possible", n > 0);

	const char *basis = failed ? form_str(&rq->form, "basis") : "";
	tv *bases = tv_list(a);
	for (size_t i = 0; involvement_bases[i]; i++) {
		tv *o = tv_obj(a);
		tv_put_str(o, "value", involvement_bases[i]);
		tv_put_str(o, "label", involvement_basis_label(involvement_bases[i]));
		tv_put_bool(o, "checked", strcmp(basis, involvement_bases[i]) == 0);
		tv_push(bases, o);
	}
	tv_put(ctx, "invite_bases", bases);
	const char *informed = failed ? form_str(&rq->form, "family_informed") : "";
	tv_put_bool(ctx, "invite_informed_ja", strcmp(informed, "ja") == 0);
	tv_put_bool(ctx, "invite_informed_nee", strcmp(informed, "nee") == 0);

	const char **ticked = NULL;
	size_t nticked = failed ? form_all(&rq->form, "parts", &ticked) : 0;
	tv *parts = tv_list(a);
	for (int i = 0; i < PART_COUNT; i++) {
		unsigned bit = case_part_at(i);
		if (bit == PART_BASIS || bit == PART_OVERDRACHT)
			continue; /* basis always; the handover never for a partner */
		tv *o = tv_obj(a);
		tv_put_str(o, "code", case_part_code(bit));
		tv_put_str(o, "label", case_part_label(bit));
		bool on = false;
		for (size_t k = 0; k < nticked; k++)
			on = on || strcmp(ticked[k], case_part_code(bit)) == 0;
		tv_put_bool(o, "checked", on);
		tv_push(parts, o);
	}
	tv_put(ctx, "invite_parts", parts);
	char iso[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), iso);
	tv_put_str(ctx, "today_iso", iso);
}

void case_team_to_view(request *rq, tv *ctx, const case_rec *c, const involvement *inv, size_t n, unsigned parts,
                       bool manages, const char *failed)
{
	arena *a = rq->a;
	bool all = case_team_sees_all(parts);
	tv_put_bool(ctx, "team_sees_all", all);
	tv_put_bool(ctx, "manages_team", manages);
	tv *active = tv_list(a), *ended = tv_list(a);
	bool failed_end = failed && strcmp(failed, "end") == 0;
	for (size_t i = 0; i < n; i++) {
		const involvement *v = &inv[i];
		if (v->user_id == c->director_id && strcmp(v->role, "regisseur") == 0 && !v->ended)
			tv_put_str(ctx, "director_contact", v->user_contact);
		if (v->user_id == rq->user->id && !v->ended && strcmp(v->role, "betrokken") == 0 && !all)
			tv_put(ctx, "own_involvement", involvement_tv(rq, v, NULL)); /* a partner sees its own */
		if (!all)
			continue;
		tv_push(v->ended ? ended : active, involvement_tv(rq, v, manages && failed_end ? "end" : NULL));
	}
	if (all) {
		tv_put(ctx, "team", active);
		tv_put(ctx, "team_history", ended);
		tv_put_bool(ctx, "has_team_history", tv_list_len(ended) > 0);
	}
	if (manages)
		invite_choices(rq, ctx, inv, n, failed && strcmp(failed, "invite") == 0);
}

bool case_team_case_open(request *rq)
{
	case_rec c;
	if (case_get(rq->a, rq->ids[0], &c) && strcmp(c.status, "open") == 0)
		return true;
	tv *ctx = page_ctx(rq, "Casus gesloten");
	tv_put_str(ctx, "href", arena_printf(rq->a, "/casussen/%lld", (long long)rq->ids[0]));
	tv_put_str(ctx, "what", "de casus (gesloten)");
	respond_page(rq, 409, "handover_conflict", ctx);
	return false;
}

/* ---- invite -------------------------------------------------------------------- */

static bool past_or_today(request *rq, const char *field, const char *message)
{
	const char *s = form_str(&rq->form, field);
	kr_date d;
	if (!*s || form_error(&rq->form, field) || !kr_date_parse_iso(s, &d))
		return true;
	if (kr_date_cmp(d, kr_date_today_nl()) > 0) {
		form_add_error(&rq->form, field, message);
		return false;
	}
	return true;
}

static void require(request *rq, const char *field, const char *message)
{
	if (!*form_str(&rq->form, field) && !form_error(&rq->form, field))
		form_add_error(&rq->form, field, message);
}

void page_case_team_invite(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	if (!case_team_case_open(rq))
		return;
	int64_t org_id = 0, user_id = 0;
	const invite_candidate *chosen = NULL;
	size_t n;
	invite_candidate *cand = involvement_candidates(a, c.id, &n);
	if (!form_error(f, "organisation") && !form_int(f, "organisation", &org_id))
		form_add_error(f, "organisation", "Kies de organisatie die u bij de casus betrekt.");
	if (!form_error(f, "user") && !form_int(f, "user", &user_id))
		form_add_error(f, "user", "Kies de persoon die u bij de casus betrekt.");
	if (user_id) {
		for (size_t i = 0; i < n && !chosen; i++)
			if (cand[i].user_id == user_id)
				chosen = &cand[i];
		if (!chosen)
			form_add_error(f, "user", "Deze persoon kan niet worden uitgenodigd: alleen geactiveerde accounts van"
			                          " actieve organisaties die nog niet bij de casus betrokken zijn.");
		else if (org_id && chosen->org_id != org_id)
			form_add_error(f, "user", arena_printf(a, "%s werkt bij %s, niet bij de gekozen organisatie.",
			                                       chosen->user_name, chosen->org_name));
	}
	require(rq, "role_in_case", "Vul de rol van deze persoon in de casus in, bijvoorbeeld ‘intern begeleider’.");
	require(rq, "basis", "Kies de grondslag waarop deze persoon bij de casus betrokken wordt.");
	const char *basis = form_str(f, "basis");
	if (strcmp(basis, "toestemming") == 0) {
		require(rq, "consent_of", "Vul in wie toestemming gaf.");
		require(rq, "consent_on", "Vul in op welke datum de toestemming is gegeven.");
		past_or_today(rq, "consent_on", "De datum van de toestemming kan niet in de toekomst liggen.");
	} else if (strcmp(basis, "overig") == 0) {
		require(rq, "basis_reason", "Licht de grondslag ‘overig’ toe.");
	}
	require(rq, "family_informed", "Geef aan of het gezin is geïnformeerd over deze betrokkenheid.");
	const char *informed = form_str(f, "family_informed");
	if (strcmp(informed, "ja") == 0) {
		require(rq, "informed_on", "Vul in wanneer het gezin is geïnformeerd.");
		require(rq, "informed_by", "Vul in door wie het gezin is geïnformeerd.");
		past_or_today(rq, "informed_on", "De datum waarop het gezin is geïnformeerd kan niet in de toekomst liggen.");
	} else if (strcmp(informed, "nee") == 0) {
		require(rq, "not_informed_reason", "Schrijf op waarom het gezin (nog) niet is geïnformeerd.");
	}
	/* parts: a professional of a local team sees every part; a partner what is
	 * ticked (basis always), by default basis and signals */
	unsigned parts = 0;
	const char **codes;
	size_t ncodes = form_all(f, "parts", &codes);
	for (size_t i = 0; i < ncodes; i++) {
		unsigned bit = case_part_from_code(codes[i]);
		if (bit == PART_OVERDRACHT && !form_error(f, "parts"))
			form_add_error(f, "parts", "De overdracht van Veilig Thuis is alleen voor het team van de casus.");
		parts |= bit;
	}
	if (chosen && !chosen->partner && local_team(chosen->org_kind))
		parts = PART_ALL & ~PART_OVERDRACHT;
	else
		parts = ncodes ? (parts | PART_BASIS) & ~PART_OVERDRACHT : PART_PARTNER_DEFAULT;
	if (form_has_errors(f) || !db_begin()) {
		case_show_again(rq, 422, "invite");
		return;
	}
	involvement_invite v = {
		.case_id = c.id,
		.org_id = chosen->org_id,
		.user_id = chosen->user_id,
		.role_in_case = form_str(f, "role_in_case"),
		.basis = basis,
		.consent_of = strcmp(basis, "toestemming") == 0 ? form_str(f, "consent_of") : "",
		.consent_on = strcmp(basis, "toestemming") == 0 ? form_str(f, "consent_on") : NULL,
		.basis_reason = strcmp(basis, "overig") == 0 ? form_get(f, "basis_reason") : "",
		.family_informed = informed,
		.informed_on = strcmp(informed, "ja") == 0 ? form_str(f, "informed_on") : NULL,
		.informed_by = strcmp(informed, "ja") == 0 ? form_str(f, "informed_by") : "",
		.not_informed_reason = strcmp(informed, "nee") == 0 ? form_get(f, "not_informed_reason") : "",
		.parts = parts,
		.invited_by = rq->user->id,
	};
	int64_t id = involvement_invite_add(&v);
	if (id <= 0 || !db_commit()) {
		if (id > 0)
			respond_error(rq, 500);
		else {
			db_rollback();
			respond_error(rq, id == 0 ? 409 : 500);
		}
		return;
	}
	rq->audit.detail = arena_printf(a, "betrokkenheid %lld: gebruiker %lld (%s), grondslag %s, delen %u",
	                                (long long)id, (long long)chosen->user_id, chosen->org_name, basis, parts);
	respond_redirect(rq, arena_printf(a, "/casussen/%lld#team-kop", (long long)c.id));
}

/* ---- end ----------------------------------------------------------------------- */

void page_case_team_end(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	if (!case_team_case_open(rq))
		return;
	require(rq, "ended_on", "Vul de datum in waarop de betrokkenheid eindigt.");
	past_or_today(rq, "ended_on", "De einddatum kan niet in de toekomst liggen: de toegang stopt direct.");
	require(rq, "ended_reason", "Vul de reden in waarom de betrokkenheid eindigt.");
	if (form_has_errors(f) || !db_begin()) {
		case_show_again(rq, 422, "end");
		return;
	}
	if (!involvement_end(rq->ids[0], rq->ids[1], form_str(f, "ended_on"), form_get(f, "ended_reason"),
	                     rq->user->id)) {
		db_rollback();
		respond_error(rq, 409); /* already ended (a second click, or someone else) */
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = arena_printf(a, "betrokkenheid %lld beëindigd", (long long)rq->ids[1]);
	respond_redirect(rq, arena_printf(a, "/casussen/%lld#team-kop", (long long)rq->ids[0]));
}
