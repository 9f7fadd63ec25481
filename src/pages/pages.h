/*
 * pages.h — every page handler and access function, for the route table.
 * Handlers are named page_<area>_<action>; each area lives in its own file.
 */
#ifndef KR_PAGES_H
#define KR_PAGES_H

#include "server/request.h"
#include "server/router.h"
#include "view/tmpl.h"

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
/* After a login that carried a form along (to, data): the page that sends it on, with
 * the new session's token, once the user confirms. False when there is none to show. */
bool login_show_resume(request *rq, unsigned roles, const char *to, const char *data);
/* login_second_factor.c: the code step and the enrolment after the password */
bool login_second_factor_needed(int64_t user_id);
/* The password was right: start the waiting login and send the browser to the
 * code (enrolled) or the enrolment page. */
void login_second_factor_begin(request *rq, int64_t user_id, const char *device, const char *resume_to,
                               const char *resume, int64_t now);
void page_login_code_form(request *rq);
void page_login_code_submit(request *rq);
void page_login_enrol_form(request *rq);
void page_login_enrol_submit(request *rq);
void page_login_enrol_later(request *rq);
/* account.c */
void page_account_password_form(request *rq);
void page_account_password_change(request *rq);
void page_account_contact_form(request *rq);
void page_account_contact_save(request *rq);
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
void page_admin_user_second_factor_reset(request *rq);
/* account_confirm.c: the four-eyes confirmations (start-page panel and its forms) */
bool account_confirm_home_panel(request *rq, tv *ctx);
void page_account_change_confirm(request *rq);
void page_account_change_refuse(request *rq);

#endif
