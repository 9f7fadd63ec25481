/*
 * privacy_access.h — need-to-know for the privacy officer's reports and for the
 * family's right of access and correction (issue 10).
 *
 * The privacy officer never browses: a household's access log opens only after
 * his or her own recorded search (exact name and birth date) found it. The
 * regisseur shows the family its access log, exports its file and corrects a
 * member's name or birth date.
 */
#ifndef KR_PRIVACY_ACCESS_H
#define KR_PRIVACY_ACCESS_H

#include "server/router.h"

/* How long a search result keeps a household open to the privacy officer. */
enum { PRIVACY_FOUND_HOURS = 8 };

/* /privacy/huishoudens/{id}: the household exists and the user's own search
 * found it in the last PRIVACY_FOUND_HOURS; else 404. */
access_result access_privacy_household(request *rq);
/* /privacy/gebruikers/{id}: the account exists. */
access_result access_privacy_user(request *rq);
/* /casussen/{id}/gezinsleden/{id}/…: the case's regisseur, and the person is a
 * member of the case's household. */
access_result access_person_correct(request *rq);

#endif
