/*
 * privacy_access.c — access functions of the privacy area (see privacy_access.h).
 *
 * Must never open a household to the privacy officer that his or her own search
 * did not find, and never show the file's contents through these routes: they
 * lead to the audit trail only.
 */
#include "auth/privacy_access.h"

#include "auth/access.h"
#include "store/access_log.h"
#include "store/case.h"
#include "store/db.h"
#include "store/household.h"
#include "store/person_correction.h"

access_result access_privacy_household(request *rq)
{
	rq->audit.object_type = "access_log";
	if (rq->nids < 1)
		return ACCESS_NOT_FOUND;
	household h;
	if (!household_get(rq->a, rq->ids[0], &h))
		return ACCESS_NOT_FOUND;
	rq->audit.household_id = h.id;
	rq->audit.object_id = h.id;
	return access_log_user_found(rq->user->id, h.id, PRIVACY_FOUND_HOURS) ? ACCESS_OK : ACCESS_NOT_FOUND;
}

access_result access_privacy_user(request *rq)
{
	rq->audit.object_type = "user_access_log";
	if (rq->nids < 1)
		return ACCESS_NOT_FOUND;
	rq->audit.object_id = rq->ids[0];
	access_log_user u;
	return access_log_user_get(rq->a, rq->ids[0], &u) ? ACCESS_OK : ACCESS_NOT_FOUND;
}

access_result access_person_correct(request *rq)
{
	access_result r = access_case_director(rq);
	if (r != ACCESS_OK || rq->nids < 2)
		return r == ACCESS_OK ? ACCESS_NOT_FOUND : r;
	person p;
	if (!household_person_get(rq->a, rq->ids[1], &p) || p.household_id != rq->audit.household_id)
		return ACCESS_NOT_FOUND;
	rq->audit.object_type = "person";
	rq->audit.object_id = p.id;
	return ACCESS_OK;
}
