/*
 * handover_form.c — the uniform handover form of Veilig Thuis: a new handover,
 * editing a concept, adding member and condition rows without JavaScript, saving
 * a concept and submitting it (once: the one-time form key and the twin check of
 * handover_twin.c keep a second click, a reload or Back from making a second
 * handover).
 *
 * Failed validation shows the form again with all input, valid or not, and a
 * Dutch message per field; nothing is stored half-way (one transaction). Never
 * decides access: the route table and auth/access.c do.
 */
#include "pages/handovers.h"
#include "pages/handovers_int.h"

#include "server/flash.h"
#include "server/respond.h"
#include "server/router.h"
#include "store/db.h"
#include "store/household.h"
#include "store/org.h"
#include "util/date.h"

#include <sodium.h>
#include <string.h>

enum { MAX_MEMBER_ROWS = 60, MAX_CONDITION_ROWS = 80 };

/* A one-time key for the new-handover form (32 hex characters). */
static const char *new_form_key(arena *a)
{
	unsigned char raw[16];
	char hex[33];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	return arena_strdup(a, hex);
}

/* A form key as the form sent it: 16..64 hex characters, else "". */
static const char *valid_form_key(const char *k)
{
	size_t n = strlen(k);
	if (n < 16 || n > 64 || strspn(k, "0123456789abcdef") != n)
		return "";
	return k;
}

/* ---- the form -------------------------------------------------------------------- */

static tv *team_options(arena *a, int64_t selected, bool triage_selected)
{
	size_t n;
	org *orgs = org_choices(a, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		if (!orgs[i].active || !handover_is_local_team_kind(orgs[i].kind))
			continue;
		tv *o = tv_obj(a);
		tv_set_int(o, "value", orgs[i].id);
		tv_set_str(o, "label", orgs[i].name);
		tv_set_bool(o, "selected", !triage_selected && orgs[i].id == selected);
		tv_push(list, o);
	}
	return list;
}

typedef struct form_rows {
	handover_member *members;
	size_t nmembers;
	const char **conditions;
	size_t nconditions;
	const char **member_err_name, **member_err_date, **member_err_role, **condition_err;
} form_rows;

static tv *member_rows_tv(arena *a, const form_rows *r)
{
	tv *list = tv_list(a);
	for (size_t i = 0; i < r->nmembers; i++) {
		const handover_member *m = &r->members[i];
		tv *o = tv_obj(a);
		tv_set_int(o, "n", (int64_t)i + 1);
		tv_set_str(o, "name", m->name);
		tv_set_str(o, "birthdate", m->birthdate);
		tv_set_bool(o, "role_ouder", strcmp(m->role, "ouder") == 0);
		tv_set_bool(o, "role_kind", strcmp(m->role, "kind") == 0);
		tv_set_bool(o, "role_overig", strcmp(m->role, "overig") == 0);
		if (r->member_err_name && r->member_err_name[i])
			tv_set_str(o, "error_name", r->member_err_name[i]);
		if (r->member_err_date && r->member_err_date[i])
			tv_set_str(o, "error_birthdate", r->member_err_date[i]);
		if (r->member_err_role && r->member_err_role[i])
			tv_set_str(o, "error_role", r->member_err_role[i]);
		tv_push(list, o);
	}
	return list;
}

static tv *condition_rows_tv(arena *a, const form_rows *r)
{
	tv *list = tv_list(a);
	for (size_t i = 0; i < r->nconditions; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "n", (int64_t)i + 1);
		tv_set_str(o, "text", r->conditions[i]);
		if (r->condition_err && r->condition_err[i])
			tv_set_str(o, "error", r->condition_err[i]);
		tv_push(list, o);
	}
	return list;
}

/* The values the form shows: from the database (in) or as submitted. */
static void show_form(request *rq, int status, int64_t id, const handover_input *in, const form_rows *rows)
{
	bool receiving_triage = in->receiving_triage && !in->receiving_org_id;
	arena *a = rq->a;
	tv *ctx = page_ctx(rq, id ? "Overdracht bewerken (concept)" : "Nieuwe overdracht");
	page_add_form(ctx, &rq->form);
	tv_set_str(ctx, "form_action", id ? arena_printf(a, "/overdrachten/%lld/bewerken", (long long)id)
	                                  : "/overdrachten/nieuw");
	if (id)
		tv_set_int(ctx, "id", id);
	else
		tv_set_str(ctx, "form_key", in->form_key && *in->form_key ? in->form_key : new_form_key(a));
	tv_set(ctx, "teams", team_options(a, in->receiving_org_id, receiving_triage));
	tv_set_bool(ctx, "receiving_triage", receiving_triage);
	tv *v = tv_obj(a);
	tv_set_bool(v, "urgency_hoog", in->urgency && strcmp(in->urgency, "hoog") == 0);
	tv_set_bool(v, "urgency_normaal", in->urgency && strcmp(in->urgency, "normaal") == 0);
	tv_set_str(v, "household_name", in->household_name);
	tv_set_str(v, "address", in->address);
	tv_set_str(v, "reason", in->reason);
	tv_set_str(v, "investigation_outcome", in->investigation_outcome);
	tv_set_str(v, "risk_assessment", in->risk_assessment);
	tv_set_str(v, "providers", in->providers);
	tv_set_str(v, "agreements", in->agreements);
	tv_set_bool(v, "informed_ja", in->family_informed && strcmp(in->family_informed, "ja") == 0);
	tv_set_bool(v, "informed_nee", in->family_informed && strcmp(in->family_informed, "nee") == 0);
	tv_set_str(v, "family_informed_reason", in->family_informed_reason);
	tv_set_str(v, "contact", in->contact);
	tv_set(ctx, "v", v);
	tv_set(ctx, "members", member_rows_tv(a, rows));
	tv_set(ctx, "conditions", condition_rows_tv(a, rows));
	kr_date today = kr_date_today_nl();
	char iso[KR_DATE_BUF];
	kr_date_format_iso(today, iso);
	tv_set_str(ctx, "today_iso", iso);
	respond_page(rq, status, "handover_form", ctx);
}

/* Read the submitted form into in/rows (rows as submitted, blanks included; rows
 * beyond the caps are cut off and reported as a field message). */
static void read_form(request *rq, handover_input *in, form_rows *rows)
{
	arena *a = rq->a;
	form *f = &rq->form;
	memset(in, 0, sizeof *in);
	memset(rows, 0, sizeof *rows);
	const char *recv = form_str(f, "receiving_organisation");
	in->receiving_triage = strcmp(recv, "triage") == 0;
	int64_t rid = 0;
	if (!in->receiving_triage && *recv && parse_id(recv, &rid))
		in->receiving_org_id = rid;
	in->form_key = valid_form_key(form_str(f, "form_key"));
	in->urgency = form_str(f, "urgency");
	in->household_name = form_str(f, "household_name");
	in->address = form_str(f, "address");
	in->reason = hv_trimmed(a, form_get(f, "reason"));
	in->investigation_outcome = hv_trimmed(a, form_get(f, "investigation_outcome"));
	in->risk_assessment = hv_trimmed(a, form_get(f, "risk_assessment"));
	in->providers = hv_trimmed(a, form_get(f, "providers"));
	in->agreements = hv_trimmed(a, form_get(f, "agreements"));
	in->family_informed = form_str(f, "family_informed");
	in->family_informed_reason = hv_trimmed(a, form_get(f, "family_informed_reason"));
	in->contact = form_str(f, "contact");

	const char **names, **dates, **roles;
	size_t nn = form_all(f, "member_name", &names);
	size_t nd = form_all(f, "member_birthdate", &dates);
	size_t nr = form_all(f, "member_role", &roles);
	size_t nm = nn > nd ? nn : nd;
	if (nr > nm)
		nm = nr;
	if (nm > MAX_MEMBER_ROWS) {
		nm = MAX_MEMBER_ROWS;
		if (!form_error(f, "members"))
			form_add_error(f, "members", arena_printf(a, "Een overdracht heeft ten hoogste %d gezinsleden; de rijen"
			                                             " daarna zijn niet overgenomen.", MAX_MEMBER_ROWS));
	}
	rows->members = arena_alloc(a, (nm + 1) * sizeof *rows->members);
	for (size_t i = 0; i < nm; i++) {
		rows->members[i].name = i < nn ? hv_trimmed(a, names[i]) : "";
		rows->members[i].birthdate = i < nd ? hv_trimmed(a, dates[i]) : "";
		rows->members[i].role = i < nr ? hv_trimmed(a, roles[i]) : "";
	}
	rows->nmembers = nm;
	const char **conds;
	size_t nc = form_all(f, "safety_condition", &conds);
	if (nc > MAX_CONDITION_ROWS) {
		nc = MAX_CONDITION_ROWS;
		if (!form_error(f, "conditions"))
			form_add_error(f, "conditions", arena_printf(a, "Een overdracht heeft ten hoogste %d"
			                                                " veiligheidsvoorwaarden; de vakken daarna zijn niet"
			                                                " overgenomen.", MAX_CONDITION_ROWS));
	}
	rows->conditions = arena_alloc(a, (nc + 1) * sizeof *rows->conditions);
	for (size_t i = 0; i < nc; i++)
		rows->conditions[i] = hv_trimmed(a, conds[i]);
	rows->nconditions = nc;
}

/* A row without name and birth date is empty, whatever role it shows (the form
 * preselects one): it is skipped, never checked and never stored. */
static bool member_blank(const handover_member *m)
{
	return !*m->name && !*m->birthdate;
}

static bool role_valid(const char *r)
{
	for (size_t i = 0; person_roles[i]; i++)
		if (strcmp(person_roles[i], r) == 0)
			return true;
	return false;
}

/* Validate; on success in->members/conditions hold only the filled-in rows. */
static bool validate_handover(request *rq, handover_input *in, form_rows *rows, bool submit)
{
	bool triage = in->receiving_triage;
	arena *a = rq->a;
	form *f = &rq->form;
	kr_date today = kr_date_today_nl();

	const char *recv = form_str(f, "receiving_organisation");
	if (*recv && !triage) {
		org o;
		if (!in->receiving_org_id || !org_get(a, in->receiving_org_id, &o) || !o.active ||
		    !handover_is_local_team_kind(o.kind))
			form_add_error(f, "receiving_organisation", "Kies een lokaal team of de gezamenlijke triage.");
	}
	if (!*in->household_name && !form_error(f, "household_name"))
		form_add_error(f, "household_name", submit ? "Vul de naam van het gezin in."
		                                           : "Vul de naam van het gezin in, ook voor een concept.");

	rows->member_err_name = arena_alloc(a, (rows->nmembers + 1) * sizeof(char *));
	rows->member_err_date = arena_alloc(a, (rows->nmembers + 1) * sizeof(char *));
	rows->member_err_role = arena_alloc(a, (rows->nmembers + 1) * sizeof(char *));
	memset(rows->member_err_name, 0, (rows->nmembers + 1) * sizeof(char *));
	memset(rows->member_err_date, 0, (rows->nmembers + 1) * sizeof(char *));
	memset(rows->member_err_role, 0, (rows->nmembers + 1) * sizeof(char *));
	handover_member *kept = arena_alloc(a, (rows->nmembers + 1) * sizeof *kept);
	size_t nk = 0;
	for (size_t i = 0; i < rows->nmembers; i++) {
		handover_member *m = &rows->members[i];
		if (member_blank(m))
			continue;
		const char *id_name = arena_printf(a, "member-%zu-name", i + 1);
		const char *id_date = arena_printf(a, "member-%zu-birthdate", i + 1);
		const char *id_role = arena_printf(a, "member-%zu-role", i + 1);
		if (!*m->name && submit)
			rows->member_err_name[i] = "Vul de naam van dit gezinslid in.";
		else if (strlen(m->name) > 200 || strpbrk(m->name, "\r\n"))
			rows->member_err_name[i] = "De naam mag één regel van ten hoogste 200 tekens zijn.";
		kr_date bd;
		const char *iso = "";
		if (*m->birthdate) {
			/* typed as dd-mm-jjjj (or ISO); stored as ISO; the form keeps what was typed */
			if (!kr_date_parse_input(m->birthdate, &bd)) {
				rows->member_err_date[i] = "Vul een geldige geboortedatum in als dag-maand-jaar, bijvoorbeeld"
				                           " 03-04-2016.";
			} else if (kr_date_cmp(bd, today) > 0) {
				rows->member_err_date[i] = "Een geboortedatum kan niet in de toekomst liggen.";
			} else {
				char buf[KR_DATE_BUF];
				kr_date_format_iso(bd, buf);
				iso = arena_strdup(a, buf);
			}
		} else if (submit) {
			rows->member_err_date[i] = "Vul de geboortedatum van dit gezinslid in.";
		}
		if (*m->role && !role_valid(m->role))
			rows->member_err_role[i] = "Kies ouder/verzorger, kind of overig.";
		else if (!*m->role && submit)
			rows->member_err_role[i] = "Kies de rol in het gezin.";
		if (rows->member_err_name[i])
			form_add_error(f, id_name, arena_printf(a, "Gezinslid %zu: %s", i + 1, rows->member_err_name[i]));
		if (rows->member_err_date[i])
			form_add_error(f, id_date, arena_printf(a, "Gezinslid %zu: %s", i + 1, rows->member_err_date[i]));
		if (rows->member_err_role[i])
			form_add_error(f, id_role, arena_printf(a, "Gezinslid %zu: %s", i + 1, rows->member_err_role[i]));
		kept[nk] = *m;
		kept[nk++].birthdate = iso;
	}
	in->members = kept;
	in->nmembers = nk;

	rows->condition_err = arena_alloc(a, (rows->nconditions + 1) * sizeof(char *));
	memset(rows->condition_err, 0, (rows->nconditions + 1) * sizeof(char *));
	const char **conds = arena_alloc(a, (rows->nconditions + 1) * sizeof *conds);
	size_t nc = 0;
	for (size_t i = 0; i < rows->nconditions; i++) {
		if (!*rows->conditions[i])
			continue;
		if (strlen(rows->conditions[i]) > 2000) {
			rows->condition_err[i] = "Een voorwaarde mag ten hoogste 2000 tekens bevatten.";
			form_add_error(f, arena_printf(a, "condition-%zu", i + 1),
			               arena_printf(a, "Veiligheidsvoorwaarde %zu: %s", i + 1, rows->condition_err[i]));
		}
		conds[nc++] = rows->conditions[i];
	}
	in->conditions = conds;
	in->nconditions = nc;

	if (submit) {
		if (!*recv && !form_error(f, "receiving_organisation"))
			form_add_error(f, "receiving_organisation", "Kies het ontvangende team of de gezamenlijke triage.");
		hv_req_text(f, "urgency", in->urgency, "Kies de urgentie.");
		hv_req_text(f, "address", in->address, "Vul het adres van het gezin in.");
		if (nk == 0)
			form_add_error(f, "members", "Vul ten minste één gezinslid in (naam, geboortedatum en rol).");
		hv_req_text(f, "reason", in->reason, "Vul de aanleiding in.");
		hv_req_text(f, "investigation_outcome", in->investigation_outcome, "Vul de uitkomst van het onderzoek in.");
		hv_req_text(f, "risk_assessment", in->risk_assessment, "Vul de veiligheidstaxatie in.");
		if (nc == 0)
			form_add_error(f, "conditions", "Vul ten minste één veiligheidsvoorwaarde in.");
		hv_req_text(f, "providers", in->providers, "Vul de betrokken hulpverlening in (of schrijf: geen).");
		hv_req_text(f, "agreements", in->agreements, "Vul de gemaakte afspraken in.");
		hv_req_text(f, "family_informed", in->family_informed, "Geef aan of het gezin op de hoogte is van de overdracht.");
		if (strcmp(in->family_informed, "nee") == 0)
			hv_req_text(f, "family_informed_reason", in->family_informed_reason,
			         "Schrijf waarom het gezin niet op de hoogte is.");
		hv_req_text(f, "contact", in->contact, "Vul de contactpersoon bij Veilig Thuis in.");
	}
	return !form_has_errors(f);
}

/* Rows to show again: as submitted, plus one blank row when asked for. */
static void add_blank_rows(arena *a, form_rows *rows, const char *action)
{
	bool more_members = strcmp(action, "lid_toevoegen") == 0;
	bool more_conditions = strcmp(action, "voorwaarde_toevoegen") == 0;
	size_t want_m = rows->nmembers + (more_members ? 1 : 0);
	if (want_m == 0)
		want_m = 1;
	if (want_m > MAX_MEMBER_ROWS)
		want_m = MAX_MEMBER_ROWS;
	if (want_m > rows->nmembers) {
		handover_member *m = arena_alloc(a, want_m * sizeof *m);
		if (rows->nmembers)
			memcpy(m, rows->members, rows->nmembers * sizeof *m);
		for (size_t i = rows->nmembers; i < want_m; i++)
			m[i] = (handover_member){"", "", ""};
		rows->members = m;
		rows->nmembers = want_m;
	}
	size_t want_c = rows->nconditions + (more_conditions ? 1 : 0);
	if (want_c == 0)
		want_c = 1;
	if (want_c > MAX_CONDITION_ROWS)
		want_c = MAX_CONDITION_ROWS;
	if (want_c > rows->nconditions) {
		const char **c = arena_alloc(a, want_c * sizeof *c);
		if (rows->nconditions)
			memcpy(c, rows->conditions, rows->nconditions * sizeof *c);
		for (size_t i = rows->nconditions; i < want_c; i++)
			c[i] = "";
		rows->conditions = c;
		rows->nconditions = want_c;
	}
}

void page_handover_new(request *rq)
{
	arena *a = rq->a;
	handover_input in = {0};
	in.contact = arena_printf(a, "%s, %s", rq->user->name, rq->user->org_name);
	form_rows rows = {0};
	rows.members = arena_alloc(a, 2 * sizeof *rows.members);
	rows.members[0] = (handover_member){"", "", "ouder"};
	rows.members[1] = (handover_member){"", "", "kind"};
	rows.nmembers = 2;
	static const char *three[] = {"", "", ""};
	rows.conditions = three;
	rows.nconditions = 3;
	in.form_key = new_form_key(a);
	show_form(rq, 200, 0, &in, &rows);
}

/* Create (id == 0) or update a concept, and submit when asked. */
static void save_handover(request *rq, int64_t id)
{
	handover_input in;
	form_rows rows;
	read_form(rq, &in, &rows);
	const char *action = form_str(&rq->form, "action");
	rq->audit.object_type = "handover";
	if (id)
		rq->audit.object_id = id;
	bool more = strcmp(action, "lid_toevoegen") == 0 || strcmp(action, "voorwaarde_toevoegen") == 0;
	if (more || !*action || strcmp(action, "bewerken") == 0) {
		/* Only re-show the form (no JavaScript needed for more rows); nothing stored. */
		rq->audit.detail = "formulier opnieuw getoond, niets opgeslagen";
		add_blank_rows(rq->a, &rows, action);
		show_form(rq, *action && !form_has_errors(&rq->form) ? 200 : 422, id, &in, &rows);
		return;
	}
	/* The same form sent twice (a double click, a reload): the first one counts. */
	int64_t earlier = id ? 0 : handover_by_form_key(rq->user->id, in.form_key);
	if (earlier) {
		rq->audit.object_id = earlier;
		rq->audit.detail = "formulier al verwerkt, niets opnieuw opgeslagen";
		respond_redirect(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)earlier));
		return;
	}
	bool submit = strcmp(action, "indienen") == 0;
	if (!validate_handover(rq, &in, &rows, submit)) {
		add_blank_rows(rq->a, &rows, "");
		show_form(rq, 422, id, &in, &rows);
		return;
	}
	/* A second handover for a family handed over recently is never made silently. */
	int64_t twin = (!id || submit) ? handover_twin_of(rq, id, &in) : 0;
	/* the twin may be this very form, sent twice at once: the first one counts */
	int64_t same = twin && !id ? handover_by_form_key(rq->user->id, in.form_key) : 0;
	if (same) {
		rq->audit.object_id = same;
		rq->audit.detail = "formulier al verwerkt, niets opnieuw opgeslagen";
		respond_redirect(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)same));
		return;
	}
	if (twin) {
		rq->audit.detail = arena_printf(rq->a, "lijkt op overdracht %lld: bevestiging gevraagd, niets opgeslagen",
		                                (long long)twin);
		handover_show_twin(rq, twin, id ? arena_printf(rq->a, "/overdrachten/%lld/bewerken", (long long)id)
		                                : "/overdrachten/nieuw", submit);
		return;
	}
	if (!db_begin()) {
		add_blank_rows(rq->a, &rows, "");
		show_form(rq, 422, id, &in, &rows);
		return;
	}
	bool ok;
	if (id) {
		ok = handover_update_concept(id, &in);
	} else {
		id = handover_create(rq->user->org_id, rq->user->id, &in);
		ok = id > 0;
		if (!ok) {
			/* a concurrent twin won the UNIQUE form key: show what it made */
			db_rollback();
			earlier = handover_by_form_key(rq->user->id, in.form_key);
			if (earlier) {
				rq->audit.object_id = earlier;
				rq->audit.detail = "formulier al verwerkt, niets opnieuw opgeslagen";
				respond_redirect(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)earlier));
			} else {
				respond_error(rq, 500);
			}
			return;
		}
	}
	if (ok && submit)
		ok = handover_submit(id, rq->user->id);
	if (!ok) {
		db_rollback();
		hv_conflict(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)id), "de overdracht");
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	rq->audit.object_id = id;
	rq->audit.detail = submit ? "ingediend" : "concept opgeslagen";
	flash_set(rq, submit ? "De overdracht is ingediend." : "Het concept is opgeslagen. Het is nog niet ingediend.");
	respond_redirect(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)id));
}

void page_handover_create(request *rq)
{
	save_handover(rq, 0);
}

void page_handover_update(request *rq)
{
	save_handover(rq, rq->ids[0]);
}

void page_handover_edit(request *rq)
{
	arena *a = rq->a;
	handover_rec h;
	if (!handover_get(a, rq->ids[0], &h)) {
		respond_error(rq, 404);
		return;
	}
	handover_input in = {
		.receiving_org_id = h.receiving_org_id,
		.receiving_triage = h.receiving_triage,
		.urgency = h.urgency,
		.household_name = h.household_name,
		.address = h.address,
		.reason = h.reason,
		.investigation_outcome = h.investigation_outcome,
		.risk_assessment = h.risk_assessment,
		.providers = h.providers,
		.agreements = h.agreements,
		.family_informed = h.family_informed,
		.family_informed_reason = h.family_informed_reason,
		.contact = h.contact,
	};
	form_rows rows = {0};
	rows.members = handover_members(a, h.id, &rows.nmembers);
	for (size_t i = 0; i < rows.nmembers; i++) /* shown as a person types it: dd-mm-jjjj */
		if (*rows.members[i].birthdate)
			rows.members[i].birthdate = hv_date(a, rows.members[i].birthdate);
	rows.conditions = handover_conditions(a, h.id, &rows.nconditions);
	add_blank_rows(a, &rows, "");
	/* a concept shows the team or the joint triage it was saved with; nothing when neither was chosen */
	show_form(rq, 200, h.id, &in, &rows);
}
