/*
 * meeting.h — leertafel meetings: date, start time, place or online, agenda,
 * notes and decisions (Markdown, rendered by the page through cmark safe mode),
 * and attendance per organisation.
 *
 * Never touches client tables. Writes run inside db_begin()/db_commit();
 * returned memory belongs to the arena passed in.
 */
#ifndef KR_MEETING_H
#define KR_MEETING_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct meeting {
	int64_t id;
	const char *held_on;    /* ISO date */
	const char *start_time; /* "HH:MM" or "" */
	const char *location;
	bool online;
	const char *agenda, *notes, *decisions; /* Markdown */
	int64_t nactions;                       /* actions born in it */
} meeting;

/* NULL-terminated presence codes: aanwezig, afgemeld (absent with notice), afwezig. */
extern const char *const meeting_presences[];
const char *meeting_presence_label(const char *presence);

typedef struct attendance {
	int64_t org_id;
	const char *org_name;
	const char *presence; /* "" when not recorded */
} attendance;

/* Meetings of a year, by date. */
meeting *meeting_list_year(arena *a, int year, size_t *n);
/* Years that have meetings, newest first. */
int *meeting_years(arena *a, size_t *n);
bool meeting_get(arena *a, int64_t id, meeting *out);
/* The first meeting on or after today (ISO); false when none is planned. */
bool meeting_next(arena *a, const char *today, meeting *out);
/* Date of the latest meeting before held_on (or on it with a smaller id); "" when none. */
const char *meeting_previous_date(arena *a, int64_t id, const char *held_on);

int64_t meeting_create(const meeting *m, int64_t user_id);
/* Also moves the birth date of the actions born in the meeting to its new date. */
bool meeting_update(const meeting *m);

/* Every active organisation (and inactive ones that were recorded), by name, with the
 * recorded presence. */
attendance *meeting_attendance(arena *a, int64_t meeting_id, size_t *n);
/* Record presence; "" removes the record. */
bool meeting_set_attendance(int64_t meeting_id, int64_t org_id, const char *presence);

#endif
