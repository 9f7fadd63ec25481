/*
 * action.h — leertafel actions: wat / hoe / wie (organisations, one owner) /
 * wanneer (deadline or quarter), actielijn and tag, werkgroep, and the traffic
 * light with its kept history; plus the pure helpers (status names, counting,
 * overdue, parsing "wanneer") that the pages and unit tests share.
 *
 * Never touches client tables: only lt_* tables, organisation and app_user.
 * Functions that change data must run inside db_begin()/db_commit(); returned
 * memory belongs to the arena passed in.
 */
#ifndef KR_ACTION_H
#define KR_ACTION_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- pure helpers ---------------------------------------------------------- */

enum { LT_GROEN, LT_ORANJE, LT_ROOD, LT_AFGEROND, LT_NSTATUS };

/* "groen", "oranje", "rood", "afgerond", NULL (for declared choice fields). */
extern const char *const action_statuses[];
/* Index 0..3 of a status code; -1 when unknown. */
int action_status_index(const char *status);
/* "op schema", "risico", "vastgelopen", "afgerond"; "" when unknown. */
const char *action_status_meaning(const char *status);
/* The meaning where it adds to the status word: as action_status_meaning(), but "" for
 * afgerond (so that pages never say "afgerond afgerond"). */
const char *action_status_extra(const char *status);
/* "1 actie" / "3 acties", arena-owned. */
const char *action_count_text(arena *a, int64_t n);

typedef struct traffic_counts {
	int n[LT_NSTATUS];
	int total;
	int overdue; /* not afgerond and past due */
} traffic_counts;

/* Count one action; unknown statuses count in total only. */
void traffic_counts_add(traffic_counts *c, const char *status, bool overdue);

/* True when due_on (ISO date, may be "" = no due date) lies before today (ISO)
 * and the status is not afgerond. */
bool action_is_overdue(const char *due_on, const char *status, const char *today);

/*
 * Interpret the "wanneer" inputs: exactly one of deadline (ISO date) or quarter
 * ("Q1 2027", "K1 2027", "2027-Q1", extra spaces allowed) must be given. On success writes the due date (the
 * deadline, or the last day of the quarter) and the normalised quarter ("" for
 * a deadline) and returns NULL; otherwise returns a Dutch message and sets
 * *field to the input it is about ("deadline" or "quarter").
 */
const char *action_parse_when(const char *deadline, const char *quarter, char due_out[11], char quarter_out[8],
                              const char **field);

/* ---- records ----------------------------------------------------------------- */

typedef struct action {
	int64_t id;
	int64_t plan_id;
	int plan_year;
	const char *plan_adopted_on; /* "" when the plan is not adopted */
	int64_t meeting_id;          /* 0 when born in the plan */
	const char *meeting_held_on; /* "" when born in the plan */
	const char *born_on;     /* the meeting's date (follows it), or the day born in the plan */
	const char *recorded_on; /* the day it was entered (UTC date of created_at) */
	const char *wat, *hoe;
	const char *due_on;  /* "" when none */
	const char *quarter; /* "" unless given as quarter */
	int64_t actielijn_id, tag_id, werkgroep_id; /* tag/werkgroep 0 when none */
	const char *actielijn, *tag, *werkgroep;
	int actielijn_position;
	const char *status, *status_note, *status_on; /* current, or as of a date (see lists) */
	bool after_adoption;
	int64_t owner_id;
	const char *owner_name;
	const char *orgs_text; /* "Owner (eigenaar), Other, …" */
	bool escalated;        /* has an escalation to the board */
} action;

typedef struct action_org {
	int64_t org_id;
	const char *name;
	bool owner;
} action_org;

typedef struct action_status_entry {
	const char *status, *note, *status_on, *user_name, *org_name, *recorded_at;
} action_status_entry;

typedef struct action_change {
	const char *what, *user_name, *changed_at;
	bool after_adoption;
} action_change;

/* What a form gives to create or change an action. */
typedef struct action_input {
	int64_t plan_id;
	int64_t meeting_id; /* 0: born in the plan */
	const char *born_on;
	const char *wat, *hoe;
	const char *due_on;  /* "" for none */
	const char *quarter; /* "" for none */
	int64_t actielijn_id, tag_id, werkgroep_id;
	int64_t owner_id;
	const int64_t *participants; /* other organisations (owner may repeat; ignored) */
	size_t nparticipants;
	const char *status, *status_note, *status_on; /* initial status (create only) */
	const char *recorded_at; /* NULL: now; a past moment only for a loaded history (demo) */
} action_input;

bool action_get(arena *a, int64_t id, action *out);
/* The first day an action exists, for dating its statuses: the earlier of the day it was born
 * (its meeting's date, or the day it was put in the plan) and the day it was recorded — an
 * action added to the list of a future meeting exists from the moment it was recorded. */
const char *action_exists_from(const action *x);

/* The plan's actions, by actielijn position and id. */
action *action_list_plan(arena *a, int64_t plan_id, size_t *n);
/* Actions born in this meeting; status fields hold the status as of as_of (ISO), or the
 * first status when none is that old. */
action *action_list_meeting_new(arena *a, int64_t meeting_id, const char *as_of, size_t *n);
/* Actions born before held_on (ISO) and not in meeting_id, whose status as of held_on is
 * not afgerond, or became afgerond after since (ISO, "" = ever); status fields hold the
 * status as of held_on. */
action *action_list_open_at(arena *a, int64_t meeting_id, const char *held_on, const char *since, size_t *n);
/* Open (not afgerond) actions in which the organisation takes part, by due date. */
action *action_list_org_open(arena *a, int64_t org_id, size_t *n);

action_org *action_orgs(arena *a, int64_t action_id, size_t *n);
action_status_entry *action_history(arena *a, int64_t action_id, size_t *n);
action_change *action_changes(arena *a, int64_t action_id, size_t *n);

/* Does the organisation own or take part in the action? */
bool action_org_involved(int64_t action_id, int64_t org_id);

/* Create with organisations and a first status entry; returns the id or 0. after_adoption
 * marks an action added to an adopted plan. */
int64_t action_create(const action_input *in, int64_t user_id, const char *user_name, const char *org_name,
                      bool after_adoption);
/* Change content and organisations (not the status); logs `what` as a change. */
bool action_update(int64_t id, const action_input *in, int64_t user_id, const char *user_name,
                   bool after_adoption, const char *what);
/* New status with note and date; kept in the history. */
bool action_set_status(int64_t id, const char *status, const char *note, const char *status_on,
                       int64_t user_id, const char *user_name, const char *org_name);
/* The same, recorded at a past moment (SQLite datetime text): only for a history
 * loaded afterwards (the demo region), never for what a user does now. */
bool action_set_status_recorded(int64_t id, const char *status, const char *note, const char *status_on,
                                int64_t user_id, const char *user_name, const char *org_name, const char *recorded_at);

/* Partner × action matrix of a plan: the organisations taking part in any of its
 * actions (by name), and every (action, organisation, owner) cell. */
typedef struct action_cell {
	int64_t action_id, org_id;
	bool owner;
} action_cell;
action_org *action_plan_orgs(arena *a, int64_t plan_id, size_t *n);
action_cell *action_plan_cells(arena *a, int64_t plan_id, size_t *n);

#endif
