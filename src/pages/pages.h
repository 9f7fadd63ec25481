/*
 * pages.h — every page handler and access function, for the route table.
 * Handlers are named page_<area>_<action>; each area lives in its own file.
 */
#ifndef KR_PAGES_H
#define KR_PAGES_H

#include "server/request.h"
#include "server/router.h"

/* system.c */
void page_system_health(request *rq);
void page_system_static(request *rq);
void page_system_licences(request *rq);
/* login.c */
void page_login_form(request *rq);
void page_login_submit(request *rq);
void page_login_logout(request *rq);
void page_login_reset_form(request *rq);
void page_login_reset_submit(request *rq);
/* A POST arrived after the session ended (idle timeout, logout elsewhere): answer
 * 403 with a login form that carries the submitted fields along, so that nothing
 * typed is lost. Called by the router, never from the route table. */
void login_show_expired(request *rq);
/* account.c */
void page_account_password_form(request *rq);
void page_account_password_change(request *rq);
/* home.c */
void page_home_show(request *rq);
bool home_panels_check(char *err, size_t errlen);
/* admin.c */
void page_admin_index(request *rq);
void page_admin_org_new(request *rq);
void page_admin_org_create(request *rq);
void page_admin_org_edit(request *rq);
void page_admin_org_update(request *rq);
void page_admin_user_new(request *rq);
void page_admin_user_create(request *rq);
void page_admin_user_edit(request *rq);
void page_admin_user_update(request *rq);
void page_admin_user_reset(request *rq);

#endif
