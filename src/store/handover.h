/*
 * handover.h — the Veilig Thuis handover (overdracht): the written document with
 * its members and safety conditions, addenda, triage (which team takes it and
 * why), the warm handover, the decision (accepted with a case, or returned with a
 * reason), the regisseur's feedback (terugkoppeling), the deadline norms and the
 * deadline arithmetic in working days.
 *
 * Status: concept → ingediend → in_behandeling (a team took it) → geaccepteerd |
 * teruggelegd. Content is final once submitted (the database refuses changes;
 * corrections are addenda). Functions that change data must be called inside
 * db_begin()/db_commit(); state changes answer false when the handover is not in
 * a state that allows them. Records and strings live in the caller's arena.
 */
#ifndef KR_HANDOVER_H
#define KR_HANDOVER_H

#include "util/arena.h"
#include "util/date.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct handover_member {
	const char *name;
	const char *birthdate; /* YYYY-MM-DD, "" when not filled in (concept) */
	const char *role;      /* ouder, kind, overig, "" */
} handover_member;

/* What the form holds: the content of a concept or a submission. */
typedef struct handover_input {
	int64_t receiving_org_id; /* 0 = joint triage */
	const char *urgency;      /* hoog, normaal, "" */
	const char *household_name, *address;
	const handover_member *members;
	size_t nmembers;
	const char *const *conditions;
	size_t nconditions;
	const char *reason, *investigation_outcome, *risk_assessment, *providers, *agreements;
	const char *family_informed, *family_informed_reason, *contact;
} handover_input;

typedef struct handover_rec {
	int64_t id, vt_org_id, created_by, receiving_org_id, taken_org_id, case_id, household_id, director_id;
	const char *vt_org_name, *created_by_name, *receiving_org_name;
	const char *urgency, *household_name, *address, *reason, *investigation_outcome, *risk_assessment;
	const char *providers, *agreements, *family_informed, *family_informed_reason, *contact;
	const char *status, *created_at, *updated_at, *submitted_at;
	const char *taken_org_name, *taken_by_name, *taken_at, *taken_reason;
	const char *decided_at, *decided_by_name, *return_category, *return_reason;
	const char *warm_planned_date, *warm_held_date, *warm_present, *warm_family_present, *warm_family_reason;
	const char *warm_outcome, *warm_recorded_by_name, *warm_recorded_at;
	const char *director_name;
	const char *first_feedback_at; /* "" without feedback */
	int64_t feedback_count, conditions_kept, conditions_broken, conditions_total;
} handover_rec;

typedef struct handover_addendum {
	const char *author_name, *created_at, *text;
} handover_addendum;

typedef struct handover_feedback {
	int64_t id;
	const char *author_name, *created_at, *agreements, *with_family, *agreed_on;
} handover_feedback;

/* Return reasons (categories, counted in the process figures) and labels. */
extern const char *const handover_return_categories[];
const char *handover_return_category_label(const char *category);
extern const char *const handover_statuses[];
const char *handover_status_label(const char *status);

/* ---- the document ---- */
int64_t handover_create(int64_t vt_org_id, int64_t user_id, const handover_input *in);
bool handover_update_concept(int64_t id, const handover_input *in);
bool handover_submit(int64_t id, int64_t user_id);
bool handover_get(arena *a, int64_t id, handover_rec *out);
handover_member *handover_members(arena *a, int64_t id, size_t *n);
const char **handover_conditions(arena *a, int64_t id, size_t *n);
bool handover_addendum_add(int64_t id, int64_t user_id, const char *text);
handover_addendum *handover_addenda(arena *a, int64_t id, size_t *n);

/* ---- triage, warm handover, decision ---- */
bool handover_take(int64_t id, int64_t org_id, int64_t user_id, const char *reason);
typedef struct handover_warm {
	const char *planned_date, *held_date, *present, *family_present, *family_reason, *outcome;
} handover_warm;
bool handover_record_warm(int64_t id, int64_t user_id, const handover_warm *w);
/* Accept for org_id (taking it when nobody had), linking case and household. */
bool handover_accept(int64_t id, int64_t org_id, int64_t user_id, int64_t case_id, int64_t household_id);
/* The acceptance as a whole (inside one transaction): reuse the open case of the
 * same household in org_id (member match) and name director as its regisseur, or
 * open a new household and case; add the handover's members that the household
 * lacks, its safety conditions as case conditions, Veilig Thuis as the handing-over
 * organisation, and mark the handover accepted. False when anything failed (the
 * caller rolls back) or the handover was no longer open. */
bool handover_open_case(arena *a, const handover_rec *h, int64_t org_id, int64_t director, int64_t by,
                        int64_t *case_id, int64_t *household_id);
bool handover_return(int64_t id, int64_t user_id, const char *category, const char *reason);

/* ---- feedback ---- */
bool handover_feedback_add(int64_t id, int64_t case_id, int64_t user_id, const char *agreements,
                           const char *with_family, const char *agreed_on);
handover_feedback *handover_feedback_list(arena *a, int64_t id, size_t *n);

/* ---- lists ---- */
/* Sent by a Veilig Thuis organisation; status "" for all. Newest first. */
handover_rec *handover_list_for_vt(arena *a, int64_t vt_org_id, const char *status, size_t *n);
/* Waiting for a decision, for a team (local_team: also the joint triage inbox). */
handover_rec *handover_inbox(arena *a, int64_t org_id, bool local_team, size_t *n);
/* Decided (accepted or returned) handovers of a team, newest first. */
handover_rec *handover_decided_for_team(arena *a, int64_t org_id, bool local_team, size_t *n);
handover_rec *handover_list_for_case(arena *a, int64_t case_id, size_t *n);
/* Submitted or decided within [from, to) (datetime text), for the figures. */
handover_rec *handover_list_between(arena *a, const char *from, const char *to, size_t *n);

/* ---- deadlines ---- */
typedef struct handover_norms {
	int decision_wd; /* accepted or returned within … working days of submission */
	int warm_wd;     /* warm handover within … working days of acceptance */
	int feedback_wd; /* feedback to VT within … working days of acceptance */
	int known_months; /* a case closed this recently still makes a household known */
} handover_norms;
void handover_norms_get(handover_norms *out);
bool handover_norms_set(const handover_norms *n);

typedef struct handover_deadlines {
	bool submitted;
	int waiting_wd;        /* working days from submission to decision, or to today */
	kr_date decision_due;
	bool decision_open, decision_overdue;
	bool accepted;
	int decision_wd;       /* working days submission → acceptance/return; -1 while open */
	kr_date warm_due, feedback_due;
	bool warm_held, warm_overdue, warm_in_norm;
	bool feedback_given, feedback_overdue, feedback_in_norm;
} handover_deadlines;
/* Pure: the deadlines of h on `today` under norms n. */
void handover_deadlines_of(const handover_rec *h, const handover_norms *n, kr_date today, handover_deadlines *out);

/* The calendar date of an SQLite timestamp or ISO date; false when s is neither. */
bool handover_date_of(const char *s, kr_date *out);

/* Is the organisation kind a local team (wijkteam, buurtteam)? */
bool handover_is_local_team_kind(const char *kind);

#endif
