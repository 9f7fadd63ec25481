/*
 * person_correction.c — POST /casussen/{id}/gezinsleden/{id}/corrigeren: the
 * regisseur corrects a member's name or birth date (AVG art. 16). The old value
 * stays in the correction history (store/person_correction.c) shown on the case
 * page; a reason is required. Access: auth/privacy_access.c (the case's regisseur,
 * the person a member of its household).
 */
#include "pages/privacy.h"

#include "pages/case_team.h"
#include "server/respond.h"
#include "store/db.h"
#include "store/person_correction.h"
#include "util/date.h"

#include <string.h>

void page_person_correct(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	const char *name = form_str(f, "name"), *birthdate = form_str(f, "birthdate"), *reason = form_str(f, "reason");
	kr_date d;
	if (*birthdate && !form_error(f, "birthdate") && kr_date_parse_iso(birthdate, &d) &&
	    kr_date_cmp(d, kr_date_today_nl()) > 0)
		form_add_error(f, "birthdate", "Een geboortedatum kan niet in de toekomst liggen.");
	person p;
	bool same = household_person_get(a, rq->ids[1], &p) && strcmp(p.name, name) == 0 &&
	            strcmp(p.birthdate, birthdate) == 0;
	if (same && !form_has_errors(f))
		form_add_error(f, "name", "Naam en geboortedatum zijn niet veranderd: er is niets te corrigeren.");
	if (form_has_errors(f) || !db_begin()) {
		case_show_again(rq, 422, "correct");
		return;
	}
	bool changed = false;
	if (!person_correct(a, rq->ids[1], name, birthdate, reason, rq->user->id, &changed) || !db_commit()) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = "naam of geboortedatum gecorrigeerd";
	respond_redirect(rq, arena_printf(a, "/casussen/%lld", (long long)rq->ids[0]));
}
