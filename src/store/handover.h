/*
 * handover.h — the Veilig Thuis handover (overdracht): the written document with
 * its members and safety conditions, addenda, triage (which team takes it and
 * why), the warm handover, the decision (accepted with a case, or returned with a
 * reason), the regisseur's feedback (terugkoppeling), the deadline norms and the
 * deadline arithmetic in working days.
 *
 * Status: concept → ingediend → in_behandeling (a team took it) → geaccepteerd |
 * teruggelegd; ingediend → ingetrokken (Veilig Thuis withdrew it, no team took it). Content is final once submitted (the database refuses changes;
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
	int64_t receiving_org_id; /* 0 = no team: the joint triage when receiving_triage, else not chosen yet */
	bool receiving_triage;    /* the joint triage of all local teams was chosen */
	const char *form_key;     /* one-time key of the new-handover form (create only), NULL or "" for none */
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
	int64_t decided_org_id; /* organisation of the team leader who accepted or returned it; 0 while open */
	const char *decided_org_name;
	bool receiving_triage;  /* addressed to the joint triage of all local teams */
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
	bool brief; /* read by a brief list: content, addenda counts and director are "" / 0 */
	int64_t feedback_count, conditions_kept, conditions_broken, conditions_total;
} handover_rec;

typedef struct handover_addendum {
	const char *author_name, *created_at, *text;
} handover_addendum;

typedef struct handover_feedback {
	int64_t id, handover_id;
	const char *author_name, *created_at, *agreements, *with_family, *agreed_on;
} handover_feedback;

/* Return reasons (categories, counted in the process figures) and labels. */
extern const char *const handover_return_categories[];
const char *handover_return_category_label(const char *category);
extern const char *const handover_statuses[];
const char *handover_status_label(const char *status);

/* ---- the document ---- */
/* Create a concept; 0 on failure (also when in->form_key was used before by user_id:
 * the UNIQUE index refuses it, and handover_by_form_key() finds the first one). */
int64_t handover_create(int64_t vt_org_id, int64_t user_id, const handover_input *in);
/* The handover user_id created with this one-time form key, or 0. */
int64_t handover_by_form_key(int64_t user_id, const char *form_key);
bool handover_update_concept(int64_t id, const handover_input *in);
/* A live handover (submitted, taken or accepted; not returned or withdrawn) that vt_org_id submitted within the last `days`
 * days, other than exclude_id, for the same family: the same household name and
 * the same filled-in members (folded name and birth date, in any order). The
 * newest such id, or 0 (also when members holds no filled-in row). handover_twin.c */
int64_t handover_recent_twin(arena *a, int64_t vt_org_id, int64_t exclude_id, const char *household_name,
                             const handover_member *members, size_t nmembers, int days);
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
	const char *recorded_at; /* NULL: now (the demo records in the past) */
} handover_warm;
/* Record the warm handover (the current state on the handover and one history row). */
bool handover_record_warm(int64_t id, int64_t user_id, const handover_warm *w);
typedef struct handover_warm_entry {
	const char *planned_date, *held_date, *present, *family_present, *family_reason, *outcome;
	const char *recorded_by_name, *recorded_at;
} handover_warm_entry;
/* Every recording of the warm handover, oldest first. */
handover_warm_entry *handover_warm_history(arena *a, int64_t id, size_t *n);
/* Accept for org_id (taking it when nobody had, with take_reason), linking case and household. */
bool handover_accept(int64_t id, int64_t org_id, int64_t user_id, int64_t case_id, int64_t household_id,
                     const char *take_reason);
/* How an acceptance names the regisseur. For a new case: director. For the open
 * case the household already has in the team: the case keeps its regisseur when
 * director is that regisseur; a different director is a change of regisseur and
 * needs change_reason (recorded in the history) — without one the acceptance
 * fails rather than replace the regisseur silently. keep_previous: the former
 * regisseur stays involved as a co-worker (betrokken) instead of losing access. */
typedef struct handover_acceptance {
	int64_t director;
	const char *change_reason;
	bool keep_previous;
	const char *take_reason; /* why this team, when it had not taken the handover yet */
} handover_acceptance;
/* The acceptance as a whole (inside one transaction): reuse the open case of the
 * same household in org_id (member match) or open a new household and case (see
 * handover_acceptance for the regisseur); add the handover's members that the
 * household lacks, its safety conditions as case conditions, Veilig Thuis as the
 * handing-over organisation, and mark the handover accepted. False when anything
 * failed (the caller rolls back) or the handover was no longer open. */
bool handover_open_case(arena *a, const handover_rec *h, int64_t org_id, const handover_acceptance *acc,
                        int64_t by, int64_t *case_id, int64_t *household_id);
bool handover_return(int64_t id, int64_t user_id, const char *category, const char *reason);

/* ---- Veilig Thuis ends what it sent (handover_end.c) ---- */
/* Delete a concept (members and conditions go with it). */
bool handover_delete_concept(int64_t id);
/* Withdraw a submitted handover that no team took yet: status ingetrokken. */
bool handover_withdraw(int64_t id, int64_t user_id, const char *reason);
/* Close a returned handover with a reason (it leaves "Actie nodig"). */
bool handover_close_returned(int64_t id, int64_t user_id, const char *reason);
/* Send a returned handover again: a new concept of the same VT organisation with
 * the content, members and conditions copied and no receiving team yet, linked by
 * resent_from; the returned one is closed saying so. The new id, or 0. */
int64_t handover_resend(arena *a, int64_t id, int64_t user_id);
typedef struct handover_end {
	const char *ended_at, *ended_by_name, *reason; /* "" while not ended */
	int64_t resent_from; /* this one copies that returned handover; 0 otherwise */
	int64_t resent_as;   /* this returned handover was sent again as that one; 0 otherwise */
} handover_end;
bool handover_end_get(arena *a, int64_t id, handover_end *out);

/* ---- feedback ---- */
bool handover_feedback_add(int64_t id, int64_t case_id, int64_t user_id, const char *agreements,
                           const char *with_family, const char *agreed_on);
handover_feedback *handover_feedback_list(arena *a, int64_t id, size_t *n);
/* The feedback on every handover of a case, by handover and then oldest first. */
handover_feedback *handover_feedback_for_case(arena *a, int64_t case_id, size_t *n);

/* ---- lists ---- */
/* One page of a list for /overdrachten, newest first: brief records (rec.brief set)
 * with the safety-condition counts and the case's regisseur; the list's total and this
 * page's position are aggregate counts. Keyset: `before` > 0 reads the page older than
 * that handover, else `after` > 0 the page newer than it (the newest page when fewer
 * than a page are newer), else the newest page. An id outside the list is only a
 * bound: it never adds a row the list does not hold. */
enum { HANDOVER_PAGE = 50 };
typedef struct handover_page {
	handover_rec *rows; /* arena-owned, n <= HANDOVER_PAGE */
	size_t n;
	bool older, newer;  /* there is a page beyond rows[n - 1] / before rows[0] */
	int64_t total;      /* rows of the whole list */
	int64_t offset;     /* rows of the list newer than rows[0] */
} handover_page;
/* Sent by a Veilig Thuis organisation, by id; status "" for all. */
void handover_vt_page(arena *a, int64_t vt_org_id, const char *status, int64_t before, int64_t after,
                      handover_page *out);
/* Decided (accepted or returned) by a team, by decision time: what it took, and what
 * its team leaders returned from the joint triage. An anchor outside this list reads
 * the newest page. */
void handover_team_decided_page(arena *a, int64_t org_id, int64_t before, int64_t after, handover_page *out);
/* The handovers of a case, brief (rec.brief set) with the VT organisation's name. */
handover_rec *handover_list_for_case(arena *a, int64_t case_id, size_t *n);
/* Submitted within [from, to) (datetime text), for the figures (submission cohort). */
handover_rec *handover_list_between(arena *a, const char *from, const char *to, size_t *n);

/* ---- what Veilig Thuis hears back (start page) ---- */
/* Its accepted handovers whose first feedback arrived since `since` (datetime
 * text): how many, and the newest 5 (brief). */
handover_rec *handover_vt_feedback_since(arena *a, int64_t vt_org_id, const char *since, int64_t *total, size_t *n);
/* Its accepted handovers of open cases with a safety condition now marked
 * "niet nageleefd": how many, and the newest 5 (brief). */
handover_rec *handover_vt_conditions_broken(arena *a, int64_t vt_org_id, int64_t *total, size_t *n);

/* ---- search (issue 9, item 11) ---- */
/* What the user typed: part of the family name (any case, any diacritics; every
 * word must match the start of a word), a status ("" for all) and a period of
 * submission (or creation, for a concept) as ISO dates, "" for open. */
typedef struct handover_query {
	const char *name, *status, *from, *to;
} handover_query;
/* Does q narrow anything beyond the status (name or period)? */
bool handover_query_active(const handover_query *q);
/* The count of a search stops here: *total is the number of matches when it is at
 * most HANDOVER_SEARCH_COUNTED, and HANDOVER_SEARCH_COUNTED + 1 when there are more
 * ("meer dan 1.000"), so that a common word does not cost every match it has. */
#define HANDOVER_SEARCH_COUNTED 1000
/* The newest 100 matches (list rows, as the paginated lists) and how many match in
 * all, counted up to HANDOVER_SEARCH_COUNTED + 1: of a VT organisation, or of what a
 * team leader's lists show (the inbox and what the team decided). */
handover_rec *handover_vt_search(arena *a, int64_t vt_org_id, const handover_query *q, int64_t *total, size_t *n);
handover_rec *handover_team_search(arena *a, int64_t org_id, bool local_team, const handover_query *q,
                                   int64_t *total, size_t *n);

/* ---- start-page panels: brief records (no content; rec.brief set) ---- */
/* Of a VT organisation, only what can still become overdue: waiting for a
 * decision, or accepted with the warm handover or the feedback still open. */
handover_rec *handover_vt_open_items(arena *a, int64_t vt_org_id, size_t *n);
/* Counts for the VT panel: the user's own concepts, and returned handovers. */
void handover_vt_counts(int64_t vt_org_id, int64_t user_id, int64_t *concepts, int64_t *returned);
/* Returned handovers of a VT organisation, not ended, decided since `since` (datetime
 * text), newest first; at most `limit`. */
handover_rec *handover_vt_returned_since(arena *a, int64_t vt_org_id, const char *since, int64_t limit, size_t *n);
/* Accepted by a team with the warm handover or the feedback still open. */
handover_rec *handover_team_open_items(arena *a, int64_t org_id, size_t *n);
/* Of the open cases a user directs: accepted handovers with warm handover or feedback open. */
handover_rec *handover_director_open_items(arena *a, int64_t user_id, size_t *n);
/* The inbox of a team, brief. */
handover_rec *handover_inbox_brief(arena *a, int64_t org_id, bool local_team, size_t *n);

/* "Already known" for every handover of a team's inbox in one query: for each
 * inbox handover that matches an open (or, with months > 0, recently closed) case
 * of org_id, its id, the case id and whether the case is open. */
typedef struct handover_known {
	int64_t handover_id, case_id;
	bool open;
} handover_known;
handover_known *handover_inbox_known(arena *a, int64_t org_id, bool local_team, int months, size_t *n);
/* For every handover of a team's inbox that is a hermelding of another team's case
 * (case_re_report, 0015), in one query: its id, the first such team's name (its open
 * case first, then the newest case) and whether that case is open. */
typedef struct handover_other_team {
	int64_t handover_id;
	const char *team;
	bool open;
} handover_other_team;
handover_other_team *handover_inbox_other_teams(arena *a, int64_t org_id, bool local_team, size_t *n);

/* Every local team that knows the handover's family (handover_known.c): an open
 * case of the household, or one closed within `months` months; one row per team
 * (its open case first), by team name. */
typedef struct handover_known_team {
	int64_t org_id, case_id;
	const char *org_name, *closed_at, *director_name;
	bool open;
} handover_known_team;
handover_known_team *handover_known_teams(arena *a, int64_t handover_id, int months, size_t *n);
/* Why the accepting team opened a case next to another team's open case of the
 * household (recorded with the acceptance), and reading it back ("" when none). */
bool handover_set_parallel_reason(int64_t id, const char *reason);
const char *handover_parallel_reason(arena *a, int64_t id);

/* ---- deadlines ---- */
typedef struct handover_norms {
	int decision_wd; /* accepted or returned within … working days of submission */
	int warm_wd;     /* warm handover within … working days of acceptance */
	int feedback_wd; /* feedback to VT within … working days of acceptance */
	int known_months; /* a case closed this recently still makes a household known */
} handover_norms;
void handover_norms_get(handover_norms *out);
bool handover_norms_set(const handover_norms *n);

/* The moments (SQLite UTC timestamps) before which a submission, or an acceptance,
 * makes an item overdue today: a decision, warm handover or feedback is overdue
 * when more working days than the norm lie between that Dutch date and today.
 * Working days are monotone, so each norm becomes one timestamp that SQL can
 * compare with an index instead of computing deadlines for every open item. */
typedef struct handover_cutoffs {
	char decision[20];
	char warm[20];
	char feedback[20];
} handover_cutoffs;
void handover_cutoffs_of(const handover_norms *n, kr_date today, handover_cutoffs *out);
/* Overdue items of a VT organisation: how many (of one status when status is not
 * ""), and the newest `limit` (brief). */
int64_t handover_vt_overdue_count(int64_t vt_org_id, const char *status, const handover_cutoffs *c);
handover_rec *handover_vt_overdue_items(arena *a, int64_t vt_org_id, const handover_cutoffs *c, int64_t limit,
                                        size_t *n);
/* A team's accepted handovers whose warm handover or feedback is overdue: how many,
 * and the oldest `limit` (brief, in id order, as handover_team_open_items lists them). */
int64_t handover_team_overdue_count(int64_t org_id, const handover_cutoffs *c);
handover_rec *handover_team_overdue_items(arena *a, int64_t org_id, const handover_cutoffs *c, int64_t limit,
                                          size_t *n);
/* The start page's view of a team's inbox (the rows of handover_inbox_brief), counted
 * from the covering partial index handover_inbox (0028) and read only as far as
 * shown: how many wait; how many are new with urgency "hoog" (status ingediend) and
 * the first `limit` of them (submitted first); how many wait past the decision norm
 * (submitted before the cutoff c->decision, as handover_deadlines_of's
 * decision_overdue) and the first `limit` of them in the inbox's order. */
int64_t handover_inbox_count(int64_t org_id, bool local_team);
int64_t handover_inbox_urgent_count(int64_t org_id, bool local_team);
handover_rec *handover_inbox_urgent_items(arena *a, int64_t org_id, bool local_team, int64_t limit, size_t *n);
int64_t handover_inbox_overdue_count(int64_t org_id, bool local_team, const handover_cutoffs *c);
handover_rec *handover_inbox_overdue_items(arena *a, int64_t org_id, bool local_team, const handover_cutoffs *c,
                                           int64_t limit, size_t *n);

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

/* The calendar date of an ISO date, or the Dutch calendar date of an SQLite UTC
 * timestamp; false when s is neither. */
bool handover_date_of(const char *s, kr_date *out);

/* Is the organisation kind a local team (wijkteam, buurtteam)? */
bool handover_is_local_team_kind(const char *kind);

#endif
