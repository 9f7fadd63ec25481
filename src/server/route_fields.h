/*
 * route_fields.h — declared inputs (field_spec lists) of routes whose areas keep
 * them outside routes.c (route_fields.c); routes.c names them in the table.
 */
#ifndef KR_ROUTE_FIELDS_H
#define KR_ROUTE_FIELDS_H

#include "server/form.h"

/* privacy (issue 10) */
extern const field_spec pv_search_query[];
extern const field_spec pv_report_query[];
extern const field_spec pv_correct_fields[];

#endif
