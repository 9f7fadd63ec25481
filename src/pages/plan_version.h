/*
 * plan_version.h — the one version-and-conflict step of a case's plans (the
 * safety plan, pages/safety_plan.c, and the family plan, pages/family_plan.c):
 * a closed case refuses the save with 409; the form's `version` names the version
 * it was opened at (400 without it); inside one write transaction a save on a
 * stale version is never written but answered with the plan's conflict page
 * (409, the user's input kept and carrying the current version), otherwise the
 * plan's own store function inserts version `opened_at + 1` (UNIQUE (case_id, n)
 * lets only one save take a number) and the user is sent to the saved plan.
 * Every outcome is in the route's audit detail.
 */
#ifndef KR_PLAN_VERSION_H
#define KR_PLAN_VERSION_H

#include "server/request.h"
#include "store/case.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct plan_versioning {
	const char *path;    /* under /casussen/{id}/: "veiligheidsplan", "gezinsplan" */
	const char *closed;  /* what the closed-case page names: "het gezinsplan (de casus is gesloten)" */
	const char *label;   /* the audit detail's "<label> versie N" */
	int64_t (*latest_n)(int64_t case_id);
	/* Inside the transaction: store the plan as version opened_at + 1. The new
	 * number, 0 when another save took it, -1 on failure. */
	int64_t (*save)(request *rq, void *plan, int64_t opened_at);
	/* Answer the 409 conflict page against current_n (outside the transaction). */
	void (*conflict)(request *rq, void *plan, int64_t current_n);
} plan_versioning;

/* True (and 409 answered) when the case is closed. */
bool plan_refuse_closed(request *rq, const case_rec *c, const plan_versioning *pv);

/* The form's `version`; false (and 400 answered) when it is missing or negative. */
bool plan_opened_at(request *rq, int64_t *opened_at);

/* The save step described above; detail_suffix (may be "") follows the audit
 * detail of a saved version. Answers the request in every case. */
void plan_save_versioned(request *rq, int64_t case_id, int64_t opened_at, const plan_versioning *pv, void *plan,
                         const char *detail_suffix);

#endif
