/*
 * handovers.c — /overdrachten: the uniform handover form of Veilig Thuis
 * (concept, submit, addenda), the VT overview, the team leaders' inbox with the
 * joint triage and the "already known" flag, taking a handover for a team, the
 * warm handover, accepting (opening or reusing the case) and returning it, the
 * print view, and the start-page panel.
 *
 * Access is decided by the route table and auth/access.c before any handler
 * here runs; handlers only check the state a change needs (409 otherwise).
 * Every change runs in one transaction: nothing is stored half-way. Failed
 * validation shows the form again with all input and a Dutch message per field.
 */
#include "pages/handovers.h"
#include "pages/safety_plan.h"

#include "auth/access.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "server/flash.h"
#include "server/respond.h"
#include "server/router.h"
#include "store/case.h"
#include "store/db.h"
#include "store/household.h"
#include "store/org.h"
#include "store/user.h"
#include "util/date.h"

#include <sodium.h>
#include <string.h>

enum { MAX_MEMBER_ROWS = 60, MAX_CONDITION_ROWS = 80 };

/* ---- display helpers ------------------------------------------------------------ */

/* "1 concept", "3 concepten": Dutch singular or plural with the number. */
static const char *counted(arena *a, int64_t n, const char *one, const char *more)
{
	return arena_printf(a, "%lld %s", (long long)n, n == 1 ? one : more);
}

const char *hv_date(arena *a, const char *s)
{
	kr_date d;
	if (!handover_date_of(s, &d))
		return "";
	char buf[KR_DATE_BUF];
	kr_date_format(d, buf);
	return arena_strdup(a, buf);
}

const char *hv_datetime(arena *a, const char *s)
{
	char buf[KR_DATETIME_BUF];
	if (!kr_datetime_reformat_nl(s, buf))
		return hv_date(a, s);
	return arena_strdup(a, buf);
}

static const char *fmt_kr_date(arena *a, kr_date d)
{
	char buf[KR_DATE_BUF];
	kr_date_format(d, buf);
	return arena_strdup(a, buf);
}

static const char *team_label(const handover_rec *h)
{
	if (h->taken_org_id)
		return h->taken_org_name;
	if (h->receiving_org_id)
		return h->receiving_org_name;
	if (h->receiving_triage)
		return "Gezamenlijke triage lokale teams";
	return "(nog niet gekozen)";
}

tv *hv_summary(arena *a, const handover_rec *h, const handover_norms *n, kr_date today)
{
	handover_deadlines d;
	handover_deadlines_of(h, n, today, &d);
	tv *o = tv_obj(a);
	tv_set_int(o, "id", h->id);
	tv_set_str(o, "status", h->status);
	tv_set_str(o, "status_label", handover_status_label(h->status));
	tv_set_bool(o, "is_concept", strcmp(h->status, "concept") == 0);
	tv_set_bool(o, "is_returned", strcmp(h->status, "teruggelegd") == 0);
	tv_set_bool(o, "is_open", strcmp(h->status, "ingediend") == 0 || strcmp(h->status, "in_behandeling") == 0);
	tv_set_str(o, "urgency", h->urgency);
	tv_set_bool(o, "urgency_hoog", strcmp(h->urgency, "hoog") == 0);
	tv_set_str(o, "household_name", *h->household_name ? h->household_name : "(naam nog niet ingevuld)");
	tv_set_str(o, "team", team_label(h));
	tv_set_bool(o, "triage", h->receiving_triage);
	tv_set_str(o, "created", hv_date(a, h->created_at));
	tv_set_str(o, "submitted", hv_date(a, h->submitted_at));
	tv_set_str(o, "decided", hv_date(a, h->decided_at));
	tv_set_str(o, "director_name", h->director_name);
	tv_set_str(o, "return_category", handover_return_category_label(h->return_category));
	tv_set_str(o, "return_reason", h->return_reason);
	tv_set_bool(o, "submitted_ok", d.submitted);
	tv_set_int(o, "waiting_wd", d.waiting_wd);
	tv_set_bool(o, "decision_open", d.submitted && d.decision_open);
	tv_set_bool(o, "decision_overdue", d.decision_overdue);
	if (d.submitted)
		tv_set_str(o, "decision_due", fmt_kr_date(a, d.decision_due));
	tv_set_bool(o, "accepted", d.accepted);
	tv_set_bool(o, "warm_held", d.warm_held);
	tv_set_str(o, "warm_held_date", hv_date(a, h->warm_held_date));
	tv_set_str(o, "warm_planned_date", hv_date(a, h->warm_planned_date));
	tv_set_bool(o, "warm_overdue", d.warm_overdue);
	tv_set_bool(o, "feedback_given", d.feedback_given);
	tv_set_str(o, "feedback_date", hv_date(a, h->first_feedback_at));
	tv_set_bool(o, "feedback_overdue", d.feedback_overdue);
	if (d.accepted) {
		tv_set_str(o, "warm_due", fmt_kr_date(a, d.warm_due));
		tv_set_str(o, "feedback_due", fmt_kr_date(a, d.feedback_due));
	}
	tv_set_bool(o, "overdue", d.decision_overdue || d.warm_overdue || d.feedback_overdue);
	tv_set_int(o, "conditions_total", h->conditions_total);
	tv_set_int(o, "conditions_kept", h->conditions_kept);
	tv_set_int(o, "conditions_broken", h->conditions_broken);
	tv_set_bool(o, "has_conditions", h->conditions_total > 0);
	return o;
}

static tv *norms_tv(arena *a, const handover_norms *n)
{
	tv *o = tv_obj(a);
	tv_set_int(o, "decision", n->decision_wd);
	tv_set_int(o, "warm", n->warm_wd);
	tv_set_int(o, "feedback", n->feedback_wd);
	return o;
}

static bool is_local_team(const auth_user *u)
{
	return handover_is_local_team_kind(u->org_kind);
}

static void put_known(tv *o, int64_t case_id, bool open)
{
	tv_set_bool(o, "known", case_id > 0);
	tv_set_bool(o, "known_open", case_id > 0 && open);
	if (case_id > 0)
		tv_set_int(o, "known_case", case_id);
}

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

/* 409 for a change that came too late (a second click, or someone else was
 * first), with the way back to what it was about. */
static void conflict(request *rq, const char *href, const char *what)
{
	tv *ctx = page_ctx(rq, "Al verwerkt of tegelijk gewijzigd");
	tv_set_str(ctx, "href", href);
	tv_set_str(ctx, "what", what);
	respond_page(rq, 409, "handover_conflict", ctx);
}

/* ---- the form -------------------------------------------------------------------- */

static tv *team_options(arena *a, int64_t selected, bool triage_selected)
{
	size_t n;
	org *orgs = org_list(a, &n);
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

static const char *trimmed(arena *a, const char *s)
{
	if (!s)
		return "";
	size_t n = strlen(s), b = 0;
	while (b < n && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n'))
		b++;
	while (n > b && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(a, s + b, n - b);
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
	in->reason = trimmed(a, form_get(f, "reason"));
	in->investigation_outcome = trimmed(a, form_get(f, "investigation_outcome"));
	in->risk_assessment = trimmed(a, form_get(f, "risk_assessment"));
	in->providers = trimmed(a, form_get(f, "providers"));
	in->agreements = trimmed(a, form_get(f, "agreements"));
	in->family_informed = form_str(f, "family_informed");
	in->family_informed_reason = trimmed(a, form_get(f, "family_informed_reason"));
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
		rows->members[i].name = i < nn ? trimmed(a, names[i]) : "";
		rows->members[i].birthdate = i < nd ? trimmed(a, dates[i]) : "";
		rows->members[i].role = i < nr ? trimmed(a, roles[i]) : "";
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
		rows->conditions[i] = trimmed(a, conds[i]);
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

static void req_text(form *f, const char *name, const char *value, const char *message)
{
	if (!*value && !form_error(f, name))
		form_add_error(f, name, message);
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
		req_text(f, "urgency", in->urgency, "Kies de urgentie.");
		req_text(f, "address", in->address, "Vul het adres van het gezin in.");
		if (nk == 0)
			form_add_error(f, "members", "Vul ten minste één gezinslid in (naam, geboortedatum en rol).");
		req_text(f, "reason", in->reason, "Vul de aanleiding in.");
		req_text(f, "investigation_outcome", in->investigation_outcome, "Vul de uitkomst van het onderzoek in.");
		req_text(f, "risk_assessment", in->risk_assessment, "Vul de veiligheidstaxatie in.");
		if (nc == 0)
			form_add_error(f, "conditions", "Vul ten minste één veiligheidsvoorwaarde in.");
		req_text(f, "providers", in->providers, "Vul de betrokken hulpverlening in (of schrijf: geen).");
		req_text(f, "agreements", in->agreements, "Vul de gemaakte afspraken in.");
		req_text(f, "family_informed", in->family_informed, "Geef aan of het gezin op de hoogte is van de overdracht.");
		if (strcmp(in->family_informed, "nee") == 0)
			req_text(f, "family_informed_reason", in->family_informed_reason,
			         "Schrijf waarom het gezin niet op de hoogte is.");
		req_text(f, "contact", in->contact, "Vul de contactpersoon bij Veilig Thuis in.");
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
		conflict(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)id), "de overdracht");
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

/* ---- one handover ------------------------------------------------------------------ */

static tv *members_tv(arena *a, int64_t id)
{
	size_t n;
	handover_member *m = handover_members(a, id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "name", m[i].name);
		tv_set_str(o, "birthdate", hv_date(a, m[i].birthdate));
		tv_set_str(o, "birthdate_iso", m[i].birthdate);
		tv_set_str(o, "role", person_role_label(m[i].role));
		tv_push(list, o);
	}
	return list;
}

static tv *conditions_tv(arena *a, const handover_rec *h)
{
	tv *list = tv_list(a);
	if (h->case_id) {
		size_t n;
		case_condition *c = case_conditions_of_handover(a, h->id, &n);
		for (size_t i = 0; i < n; i++) {
			tv *o = tv_obj(a);
			tv_set_str(o, "text", c[i].text);
			tv_set_str(o, "status", c[i].status);
			tv_set_str(o, "status_label", case_condition_status_label(c[i].status));
			tv_set_bool(o, "broken", strcmp(c[i].status, "niet_nageleefd") == 0);
			tv_set_str(o, "changed_at", hv_datetime(a, c[i].changed_at));
			tv_set_str(o, "changed_by", c[i].changed_by_name);
			tv_push(list, o);
		}
		return list;
	}
	size_t n;
	const char **c = handover_conditions(a, h->id, &n);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "text", c[i]);
		tv_push(list, o);
	}
	return list;
}

static tv *addenda_tv(arena *a, int64_t id)
{
	size_t n;
	handover_addendum *d = handover_addenda(a, id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "author", d[i].author_name);
		tv_set_str(o, "at", hv_datetime(a, d[i].created_at));
		tv_set_str(o, "text", d[i].text);
		tv_push(list, o);
	}
	return list;
}

static tv *feedback_tv(arena *a, int64_t id)
{
	size_t n;
	handover_feedback *f = handover_feedback_list(a, id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "author", f[i].author_name);
		tv_set_str(o, "at", hv_datetime(a, f[i].created_at));
		tv_set_str(o, "agreements", f[i].agreements);
		tv_set_bool(o, "with_family", strcmp(f[i].with_family, "ja") == 0);
		tv_set_str(o, "agreed_on", hv_date(a, f[i].agreed_on));
		tv_push(list, o);
	}
	return list;
}

static tv *warm_history_tv(arena *a, int64_t id)
{
	size_t n;
	handover_warm_entry *e = handover_warm_history(a, id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; n > 1 && i < n; i++) { /* one recording is simply the current state */
		tv *o = tv_obj(a);
		tv_set_str(o, "at", hv_datetime(a, e[i].recorded_at));
		tv_set_str(o, "by", e[i].recorded_by_name);
		tv_set_str(o, "planned", hv_date(a, e[i].planned_date));
		tv_set_str(o, "held", hv_date(a, e[i].held_date));
		tv_set_bool(o, "family_ja", strcmp(e[i].family_present, "ja") == 0);
		tv_set_bool(o, "family_nee", strcmp(e[i].family_present, "nee") == 0);
		tv_set_str(o, "present", e[i].present);
		tv_set_str(o, "outcome", e[i].outcome);
		tv_push(list, o);
	}
	return list;
}

static tv *director_options(arena *a, int64_t org_id, int64_t selected)
{
	size_t n;
	user_rec *u = user_list_with_role(a, org_id, ROLE_PROFESSIONAL, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "value", u[i].id);
		tv_set_str(o, "label", u[i].name);
		tv_set_bool(o, "selected", u[i].id == selected);
		tv_push(list, o);
	}
	return list;
}

static tv *category_options(arena *a, const char *selected)
{
	tv *list = tv_list(a);
	for (size_t i = 0; handover_return_categories[i]; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", handover_return_categories[i]);
		tv_set_str(o, "label", handover_return_category_label(handover_return_categories[i]));
		tv_set_bool(o, "selected", selected && strcmp(selected, handover_return_categories[i]) == 0);
		tv_push(list, o);
	}
	return list;
}

/* The handover page (or its print view), with the failed form of `failed` (if
 * any) shown again with its input and messages. */
static void show_handover(request *rq, int status, const char *failed, const char *template_name)
{
	arena *a = rq->a;
	handover_rec h;
	if (!handover_get(a, rq->ids[0], &h)) {
		respond_error(rq, 404);
		return;
	}
	const auth_user *u = rq->user;
	handover_norms norms;
	handover_norms_get(&norms);
	kr_date today = kr_date_today_nl();
	tv *ctx = page_ctx(rq, arena_printf(a, "Overdracht %lld", (long long)h.id));
	page_add_form(ctx, &rq->form);
	if (failed)
		tv_set_bool(ctx, arena_printf(a, "failed_%s", failed), true);
	tv *s = hv_summary(a, &h, &norms, today);
	tv_set(ctx, "h", s);
	tv_set(ctx, "norms", norms_tv(a, &norms));
	tv_set_str(s, "address", h.address);
	tv_set_str(s, "reason", h.reason);
	tv_set_str(s, "investigation_outcome", h.investigation_outcome);
	tv_set_str(s, "risk_assessment", h.risk_assessment);
	tv_set_str(s, "providers", h.providers);
	tv_set_str(s, "agreements", h.agreements);
	tv_set_bool(s, "informed_ja", strcmp(h.family_informed, "ja") == 0);
	tv_set_bool(s, "informed_nee", strcmp(h.family_informed, "nee") == 0);
	tv_set_str(s, "family_informed_reason", h.family_informed_reason);
	tv_set_str(s, "contact", h.contact);
	tv_set_str(s, "vt_org", h.vt_org_name);
	tv_set_str(s, "author", h.created_by_name);
	tv_set_str(s, "taken_org", h.taken_org_name);
	tv_set_str(s, "taken_by", h.taken_by_name);
	tv_set_str(s, "taken_at", hv_date(a, h.taken_at));
	tv_set_str(s, "taken_reason", h.taken_reason);
	tv_set_bool(s, "taken", h.taken_org_id > 0);
	tv_set_str(s, "decided_by", h.decided_by_name);
	tv_set_bool(s, "warm_recorded", *h.warm_recorded_at != '\0');
	tv_set_str(s, "warm_present", h.warm_present);
	tv_set_bool(s, "warm_family_ja", strcmp(h.warm_family_present, "ja") == 0);
	tv_set_bool(s, "warm_family_nee", strcmp(h.warm_family_present, "nee") == 0);
	tv_set_str(s, "warm_family_reason", h.warm_family_reason);
	tv_set_str(s, "warm_outcome", h.warm_outcome);
	tv_set_str(s, "warm_recorded_by", h.warm_recorded_by_name);
	tv_set(ctx, "members", members_tv(a, h.id));
	tv_set(ctx, "conditions", conditions_tv(a, &h));
	tv_set(ctx, "addenda", addenda_tv(a, h.id));
	tv_set(ctx, "feedback", feedback_tv(a, h.id));
	safety_plan_handover_put(rq, ctx, h.case_id); /* the agreed plan's conditions and agreements */

	unsigned roles = u->roles;
	bool vt = (roles & ROLE_VT) && h.vt_org_id == u->org_id;
	bool team = (roles & ROLE_TEAMLEIDER) && access_team_sees_handover(&h, u->org_id, u->org_kind);
	bool open = strcmp(h.status, "ingediend") == 0 || strcmp(h.status, "in_behandeling") == 0;
	bool accepted = strcmp(h.status, "geaccepteerd") == 0;
	bool concept = strcmp(h.status, "concept") == 0;
	bool prof = (roles & ROLE_PROFESSIONAL) && h.case_id && case_user_involved(h.case_id, u->id);
	tv_set_bool(ctx, "is_vt", vt);
	tv_set_bool(ctx, "is_team", team);
	tv_set_bool(ctx, "can_edit", vt && concept);
	tv_set_bool(ctx, "can_addendum", vt && !concept);
	tv_set_bool(ctx, "can_take", team && strcmp(h.status, "ingediend") == 0);
	tv_set_bool(ctx, "can_warm", team && (strcmp(h.status, "in_behandeling") == 0 || accepted));
	tv_set_bool(ctx, "can_decide", team && open);
	tv_set_bool(ctx, "show_case_link", h.case_id && (team || prof));
	tv_set_int(ctx, "case_id", h.case_id);
	tv_set_bool(ctx, "can_print", !concept || vt);
	/* Veilig Thuis ends what it sent (handover_end.c) */
	handover_end end;
	handover_end_get(a, h.id, &end);
	bool returned = strcmp(h.status, "teruggelegd") == 0;
	tv_set_bool(ctx, "can_delete", vt && concept);
	tv_set_bool(ctx, "can_withdraw", vt && strcmp(h.status, "ingediend") == 0 && !h.taken_org_id);
	tv_set_bool(ctx, "can_end_returned", vt && returned && !*end.ended_at);
	tv_set_bool(ctx, "is_withdrawn", strcmp(h.status, "ingetrokken") == 0);
	tv_set_bool(ctx, "ended", *end.ended_at != '\0');
	tv_set_str(ctx, "ended_at", hv_datetime(a, end.ended_at));
	tv_set_str(ctx, "ended_by", end.ended_by_name);
	tv_set_str(ctx, "end_reason", end.reason);
	tv_set_bool(ctx, "has_resent_from", end.resent_from > 0 && vt);
	tv_set_int(ctx, "resent_from", end.resent_from);
	tv_set_bool(ctx, "has_resent_as", end.resent_as > 0 && vt);
	tv_set_int(ctx, "resent_as", end.resent_as);
	tv_set_bool(ctx, "failed_take_or_return", failed && (strcmp(failed, "take") == 0 || strcmp(failed, "return") == 0));
	tv *wh = warm_history_tv(a, h.id);
	tv_set(ctx, "warm_history", wh);
	tv_set_bool(ctx, "has_warm_history", tv_list_len(wh) > 0);
	tv_set_str(ctx, "parallel_reason", handover_parallel_reason(a, h.id));
	if (team) {
		/* the joint triage sees every local team that knows this family */
		size_t nk;
		handover_known_team *kt = handover_known_teams(a, h.id, norms.known_months, &nk);
		tv *others = tv_list(a), *others_open = tv_list(a);
		for (size_t i = 0; i < nk; i++) {
			if (kt[i].org_id == u->org_id)
				continue;
			tv *o = tv_obj(a);
			tv_set_str(o, "team", kt[i].org_name);
			tv_set_bool(o, "open", kt[i].open);
			tv_set_str(o, "closed", hv_date(a, kt[i].closed_at));
			tv_set_str(o, "director", kt[i].director_name);
			tv_push(others, o);
			if (kt[i].open)
				tv_push(others_open, tv_str(a, kt[i].org_name));
		}
		tv_set(ctx, "other_known", others);
		tv_set_bool(ctx, "other_known_any", tv_list_len(others) > 0);
		tv_set(ctx, "other_open", others_open);
		tv_set_bool(ctx, "other_open_any", tv_list_len(others_open) > 0);
		bool kopen = false;
		int64_t kcase = case_known_for_handover(h.id, u->org_id, norms.known_months, &kopen);
		put_known(ctx, kcase, kopen);
		/* the open case of this family keeps its regisseur unless the team leader changes it */
		int64_t selected = 0;
		case_rec kc;
		if (kcase && kopen && case_get(a, kcase, &kc)) {
			selected = kc.director_id;
			tv_set_str(ctx, "known_director", kc.director_name);
			tv_set_bool(ctx, "known_has_director", true);
		}
		bool failed_accept = failed && strcmp(failed, "accept") == 0;
		int64_t posted = 0;
		if (failed_accept && form_int(&rq->form, "director", &posted))
			selected = posted;
		tv_set(ctx, "directors", director_options(a, u->org_id, selected));
		tv_set_bool(ctx, "needs_take_reason", h.receiving_triage && !h.taken_org_id);
		const char *prev = failed_accept ? form_str(&rq->form, "previous_director") : "";
		tv_set_bool(ctx, "previous_ja", strcmp(prev, "ja") == 0);
		tv_set_bool(ctx, "previous_nee", strcmp(prev, "nee") == 0);
		tv_set(ctx, "categories", category_options(a, form_str(&rq->form, "reason_category")));
		/* the warm-handover form shows what is recorded unless a failed post is shown */
		tv *w = tv_obj(a);
		bool kept = failed && strcmp(failed, "warm") == 0;
		const form *f = &rq->form;
		tv_set_str(w, "planned_date", kept ? form_str(f, "planned_date") : h.warm_planned_date);
		tv_set_str(w, "held_date", kept ? form_str(f, "held_date") : h.warm_held_date);
		tv_set_str(w, "present", kept ? form_str(f, "present") : h.warm_present);
		const char *fp = kept ? form_str(f, "family_present") : h.warm_family_present;
		tv_set_bool(w, "family_ja", strcmp(fp, "ja") == 0);
		tv_set_bool(w, "family_nee", strcmp(fp, "nee") == 0);
		tv_set_str(w, "family_reason", kept ? form_str(f, "family_reason") : h.warm_family_reason);
		tv_set_str(w, "outcome", kept ? form_str(f, "outcome") : h.warm_outcome);
		tv_set(ctx, "w", w);
	}
	char buf[KR_DATE_BUF];
	kr_date_format(today, buf);
	tv_set_str(ctx, "today", buf);
	respond_page(rq, status, template_name, ctx);
}

void handover_show_again(request *rq, int status, const char *failed)
{
	show_handover(rq, status, failed, "handover_show");
}

void page_handover_show(request *rq)
{
	show_handover(rq, 200, NULL, "handover_show");
}

void page_handover_print(request *rq)
{
	show_handover(rq, 200, NULL, "handover_print");
}

/* ---- changes on a submitted handover ------------------------------------------------ */

/* Finish a change: commit and go back to the handover, or 409 when the state did
 * not allow it (someone else was first). */
static void finish(request *rq, bool ok, const char *detail, const char *message)
{
	if (!ok) {
		db_rollback();
		conflict(rq, arena_printf(rq->a, "/overdrachten/%lld", (long long)rq->ids[0]), "de overdracht");
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
	const char *text = trimmed(rq->a, form_get(&rq->form, "text"));
	if (!*text && !form_error(&rq->form, "text"))
		form_add_error(&rq->form, "text", "Schrijf de aanvulling of correctie.");
	if (form_has_errors(&rq->form) || !db_begin()) {
		show_handover(rq, 422, "addendum", "handover_show");
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
	const char *reason = trimmed(rq->a, form_get(&rq->form, "reason"));
	if (h.receiving_triage && !h.receiving_org_id && !*reason && !form_error(&rq->form, "reason"))
		form_add_error(&rq->form, "reason", "Schrijf waarom uw team deze overdracht oppakt.");
	if (!*reason)
		reason = "Rechtstreeks aan dit team overgedragen.";
	if (form_has_errors(&rq->form) || !db_begin()) {
		show_handover(rq, 422, "take", "handover_show");
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
		.present = trimmed(a, form_get(f, "present")),
		.family_present = form_str(f, "family_present"),
		.family_reason = trimmed(a, form_get(f, "family_reason")),
		.outcome = trimmed(a, form_get(f, "outcome")),
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
		req_text(f, "present", w.present, "Schrijf wie er aanwezig waren.");
		req_text(f, "family_present", w.family_present, "Geef aan of het gezin aanwezig was.");
		if (strcmp(w.family_present, "nee") == 0)
			req_text(f, "family_reason", w.family_reason, "Schrijf waarom het gezin niet aanwezig was.");
		req_text(f, "outcome", w.outcome, "Schrijf de uitkomst van de warme overdracht.");
	}
	if (form_has_errors(f) || !db_begin()) {
		show_handover(rq, 422, "warm", "handover_show");
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
		conflict(rq, back, "de overdracht");
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
	acc.take_reason = trimmed(a, form_get(f, "take_reason"));
	if (h.receiving_triage && !h.taken_org_id && !*acc.take_reason && !form_error(f, "take_reason"))
		form_add_error(f, "take_reason", "Schrijf waarom uw team deze overdracht oppakt.");
	/* the family's open case keeps its regisseur unless the change is explicit */
	bool open = false;
	int64_t known = case_known_for_handover(h.id, rq->user->org_id, 0, &open);
	case_rec kc;
	if (known && open && !form_error(f, "director") && case_get(a, known, &kc) && kc.director_id != director) {
		acc.change_reason = trimmed(a, form_get(f, "director_change_reason"));
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
			parallel = trimmed(a, form_get(f, "parallel_reason"));
			if (!*parallel && !form_error(f, "parallel_reason"))
				form_add_error(f, "parallel_reason",
				               arena_printf(a, "%s heeft al een open casus van dit gezin. Laat dat team de overdracht"
				                               " oppakken, of schrijf waarom er een tweede casus naast komt.", names));
		}
	}
	if (form_has_errors(f)) {
		show_handover(rq, 422, "accept", "handover_show");
		return;
	}
	if (handover_confirm_back(rq)) {
		show_handover(rq, 200, "accept", "handover_show");
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
		conflict(rq, back, "de overdracht");
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
	const char *reason = trimmed(rq->a, form_get(f, "reason"));
	const char *category = form_str(f, "reason_category");
	req_text(f, "reason", reason, "Schrijf waarom de overdracht wordt teruggelegd bij Veilig Thuis.");
	/* never a default: the category is counted in /cijfers */
	req_text(f, "reason_category", category, "Kies de soort reden; die telt mee in de cijfers.");
	if (form_has_errors(f)) {
		show_handover(rq, 422, "return", "handover_show");
		return;
	}
	if (handover_confirm_back(rq)) {
		show_handover(rq, 200, "return", "handover_show");
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
		show_handover(rq, 422, "return", "handover_show");
		return;
	}
	finish(rq, handover_return(rq->ids[0], rq->user->id, category, reason), "teruggelegd",
	       "De overdracht is teruggelegd bij Veilig Thuis.");
}

/* ---- lists --------------------------------------------------------------------- */

static tv *status_options(arena *a, const char *selected)
{
	tv *list = tv_list(a);
	for (size_t i = 0; handover_statuses[i]; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", handover_statuses[i]);
		tv_set_str(o, "label", handover_status_label(handover_statuses[i]));
		tv_set_bool(o, "selected", strcmp(selected, handover_statuses[i]) == 0);
		tv_push(list, o);
	}
	return list;
}

/* The status filter when it is one of the statuses, else "" (all). */
static const char *valid_status(const char *s)
{
	for (size_t i = 0; handover_statuses[i]; i++)
		if (strcmp(handover_statuses[i], s) == 0)
			return handover_statuses[i];
	return "";
}

/* The keyset of the page asked for: ?voor=<id> (older than id) or ?na=<id> (newer). */
static void page_keys(request *rq, int64_t *before, int64_t *after)
{
	*before = *after = 0;
	if (!form_int(&rq->form, "voor", before))
		*before = 0;
	if (!form_int(&rq->form, "na", after))
		*after = 0;
}

/* Links "Nieuwere" / "Oudere" (plain links: they work without JavaScript) and the
 * position "51–100 van 6.012"; the status filter travels along. */
static tv *pager_tv(arena *a, const handover_page *p, const char *status, const char *label)
{
	tv *o = tv_obj(a);
	tv_set_str(o, "label", label);
	const char *filter = *status ? arena_printf(a, "status=%s&", status) : "";
	tv_set_bool(o, "any", p->older || p->newer);
	tv_set_bool(o, "older", p->older && p->n > 0);
	tv_set_bool(o, "newer", p->newer);
	if (p->n > 0) {
		tv_set_str(o, "older_href", arena_printf(a, "/overdrachten?%svoor=%lld", filter, (long long)p->rows[p->n - 1].id));
		tv_set_str(o, "newer_href", arena_printf(a, "/overdrachten?%sna=%lld", filter, (long long)p->rows[0].id));
	} else { /* past the oldest (a bound below every id): back to the newest page */
		tv_set_str(o, "newer_href", *status ? arena_printf(a, "/overdrachten?status=%s", status) : "/overdrachten");
	}
	tv_set_int(o, "from", p->offset + 1);
	tv_set_int(o, "to", p->offset + (int64_t)p->n);
	tv_set_int(o, "total", p->total);
	return o;
}

void page_handover_index(request *rq)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	handover_norms norms;
	handover_norms_get(&norms);
	kr_date today = kr_date_today_nl();
	tv *ctx = page_ctx(rq, "Overdrachten");
	tv_set(ctx, "norms", norms_tv(a, &norms));
	rq->audit.object_type = "handover_list";
	int64_t before, after;
	page_keys(rq, &before, &after);
	size_t n;
	/* a search (name or period) shows its matches instead of the paged lists */
	handover_query hq = {
		.name = form_str(&rq->form, "naam"),
		.status = valid_status(form_str(&rq->form, "status")),
		.from = form_error(&rq->form, "van") ? "" : form_str(&rq->form, "van"),
		.to = form_error(&rq->form, "tot") ? "" : form_str(&rq->form, "tot"),
	};
	page_add_form(ctx, &rq->form);
	tv_set(ctx, "statuses", status_options(a, hq.status));
	if (handover_query_active(&hq)) {
		int64_t total;
		handover_rec *found = (u->roles & ROLE_VT) ? handover_vt_search(a, u->org_id, &hq, &total, &n)
		                                           : handover_team_search(a, u->org_id, is_local_team(u), &hq,
		                                                                  &total, &n);
		tv *items = tv_list(a);
		for (size_t i = 0; i < n; i++)
			tv_push(items, hv_summary(a, &found[i], &norms, today));
		tv_set_bool(ctx, "searching", true);
		tv_set(ctx, "found", items);
		tv_set_bool(ctx, "found_any", n > 0);
		tv_set_str(ctx, "found_text", total > (int64_t)n
		                                  ? arena_printf(a, "de nieuwste %zu van %lld gevonden overdrachten; maak"
		                                                    " de zoekopdracht nauwer", n, (long long)total)
		                                  : counted(a, total, "gevonden overdracht", "gevonden overdrachten"));
		rq->audit.detail = "zoeken";
		respond_page(rq, 200, "handover_index", ctx);
		return;
	}
	if (u->roles & ROLE_VT) {
		const char *status = hq.status;
		handover_page page;
		handover_vt_page(a, u->org_id, status, before, after, &page);
		tv *items = tv_list(a);
		for (size_t i = 0; i < page.n; i++)
			tv_push(items, hv_summary(a, &page.rows[i], &norms, today));
		/* overdue over the whole list, counted by SQL against the norms' cutoffs */
		handover_cutoffs cut;
		handover_cutoffs_of(&norms, today, &cut);
		int64_t overdue = handover_vt_overdue_count(u->org_id, status, &cut);
		tv_set_bool(ctx, "is_vt", true);
		tv_set(ctx, "vt_items", items);
		tv_set_bool(ctx, "vt_any", page.n > 0);
		tv_set(ctx, "vt_pager", pager_tv(a, &page, status, "Bladeren door de verzonden overdrachten"));
		tv_set_int(ctx, "vt_overdue", (int64_t)overdue);
		tv_set_str(ctx, "vt_overdue_text", counted(rq->a, (int64_t)overdue, "overdracht", "overdrachten"));
		tv_set_bool(ctx, "vt_overdue_any", overdue > 0);
		tv_set_bool(ctx, "filtered", *status != '\0');
	}
	if (u->roles & ROLE_TEAMLEIDER) {
		bool local = is_local_team(u);
		handover_rec *inbox = handover_inbox_brief(a, u->org_id, local, &n);
		size_t nk, k = 0;
		handover_known *known = handover_inbox_known(a, u->org_id, local, norms.known_months, &nk);
		tv *items = tv_list(a);
		for (size_t i = 0; i < n; i++) {
			tv *s = hv_summary(a, &inbox[i], &norms, today);
			bool found = false;
			for (k = 0; k < nk && !found; k++)
				if (known[k].handover_id == inbox[i].id) {
					put_known(s, known[k].case_id, known[k].open);
					found = true;
				}
			if (!found)
				put_known(s, 0, false);
			tv_push(items, s);
		}
		tv_set_bool(ctx, "is_team", true);
		tv_set(ctx, "inbox", items);
		tv_set_bool(ctx, "inbox_any", n > 0);
		handover_page page;
		handover_team_decided_page(a, u->org_id, before, after, &page);
		tv *ditems = tv_list(a);
		for (size_t i = 0; i < page.n; i++)
			tv_push(ditems, hv_summary(a, &page.rows[i], &norms, today));
		tv_set(ctx, "decided", ditems);
		tv_set_bool(ctx, "decided_any", page.n > 0);
		tv_set(ctx, "decided_pager", pager_tv(a, &page, "", "Bladeren door de afgehandelde overdrachten"));
	}
	respond_page(rq, 200, "handover_index", ctx);
}
