/*
 * account_change_access.h — the four-eyes rules for accounts (issue 10 item 6):
 * which account changes wait for a second person, and who that person may be.
 *
 * Waiting: an account gets a role that reaches client data (CLIENT_DATA_ROLES) or
 * functioneel beheer (which can confirm), or such an account moves to another
 * organisation; and a new password link or a second-factor reset for an account
 * that holds such a role. Taking roles away and deactivating take effect at once.
 *
 * Confirming: never the person who asked, never the account holder. A team
 * leader of the account's organisation (after the change) confirms, also for a
 * team leader; a second functioneel beheerder confirms for a team leader, for a
 * beheerder account, and for organisations without an active team leader (Veilig
 * Thuis, schools, police…).
 */
#ifndef KR_ACCOUNT_CHANGE_ACCESS_H
#define KR_ACCOUNT_CHANGE_ACCESS_H

#include "server/request.h"
#include "server/router.h"
#include "store/account_change.h"

#include <stdbool.h>

/* The privacy officer reads who saw which household: as sensitive to hand out. */
#define FOUR_EYES_ROLES (CLIENT_DATA_ROLES | ROLE_BEHEERDER | ROLE_PRIVACY)

/* Does a password link or second-factor reset of an account with these roles wait? */
bool account_change_reset_waits(unsigned roles);

/* Does going from (old_org, old_roles) to (new_org, new_roles) wait? */
bool account_change_grant_waits(int64_t old_org, unsigned old_roles, int64_t new_org, unsigned new_roles);

/* May `me` confirm or refuse this open change? */
bool account_change_may_confirm(const auth_user *me, const account_change *c);

/* Access function of /accountwijzigingen/{id}/…: the change is open and rq->user may
 * decide it; 409 saying how it ended when it was decided already (a second click,
 * a colleague first, a newer request) and rq->user could have decided it; otherwise
 * 404 (a change one may not decide is none of one's business). */
access_result access_account_change(request *rq);

#endif
