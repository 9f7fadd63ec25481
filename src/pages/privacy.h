/*
 * privacy.h — the privacy area (issue 10): the privacy officer's search and
 * access-log reports (privacy.c), the family's access log that its regisseur
 * shows and prints (access_log.c), the export of everything stored about a
 * household (household_export.c) and the correction of a member's name or birth
 * date (person_correction.c).
 */
#ifndef KR_PAGES_PRIVACY_H
#define KR_PAGES_PRIVACY_H

#include "server/request.h"
#include "store/access_log.h"
#include "view/tmpl.h"

/* privacy.c */
void page_privacy_search(request *rq);
void page_privacy_household(request *rq);
void page_privacy_household_csv(request *rq);
void page_privacy_user(request *rq);
void page_privacy_user_csv(request *rq);

/* access_log.c */
void page_case_access_log(request *rq);
void page_case_access_log_print(request *rq);

/* Shared by the reports: the filter of rq's query, the report's rows and pager
 * into ctx (show_person: the privacy officer sees who; the family sees the
 * organisation and role), and the rows as CSV. base is the report's path. */
void access_log_filter_of(request *rq, access_log_filter *f);
/* The filter's rules beyond its declared fields ('tot en met' not before 'vanaf',
 * an organisation that exists), as messages at the fields. Returns the status to
 * answer: 200; 422 when a field has a message (a report shows it and offers no
 * download or print; a download or print answers 400 instead: it never silently
 * holds more than was asked); 400 for a pager position ('voor') no link made. */
int access_log_filter_check(request *rq);
/* access_log_filter_check, then the filter into *f. Returns the report page's status
 * (200 or 422), or 0 when rq was answered 400: a malformed filter, or any bad filter
 * on a download or print (download true). */
int access_log_filter_read(request *rq, bool download, access_log_filter *f);
void access_log_put(request *rq, tv *ctx, const char *base, const access_log_row *rows, size_t n, bool more,
                    bool show_person);
void access_log_csv(request *rq, const char *filename, const access_log_row *rows, size_t n, bool show_person);

/* household_export.c */
void page_household_export(request *rq);
void page_household_export_json(request *rq);
void page_privacy_household_export(request *rq);      /* the same, for the privacy officer */
void page_privacy_household_export_json(request *rq);

/* person_correction.c */
void page_person_correct(request *rq);

#endif
