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

/* leertafel (route_fields_leertafel.c) */
extern const field_spec lt_index_query[];
extern const field_spec lt_meeting_fields[];
extern const field_spec lt_action_query[];
extern const field_spec lt_action_fields[];
extern const field_spec lt_action_edit_fields[];
extern const field_spec lt_status_fields[];
extern const field_spec lt_plan_fields[];
extern const field_spec lt_adopt_fields[];
extern const field_spec lt_escalation_query[];
extern const field_spec lt_escalation_fields[];
extern const field_spec lt_decision_fields[];
extern const field_spec lt_settings_fields[];
extern const field_spec lt_toggle_fields[];

#endif
