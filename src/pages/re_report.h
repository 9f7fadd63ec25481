/*
 * re_report.h — the start-page panel of hermeldingen (see re_report.c).
 */
#ifndef KR_PAGES_RE_REPORT_H
#define KR_PAGES_RE_REPORT_H

#include "server/request.h"
#include "view/tmpl.h"

#include <stdbool.h>

bool re_report_home_panel(request *rq, tv *ctx);

#endif
