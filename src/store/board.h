/*
 * board.h — escalations from the leertafel to the bestuurlijk overleg (board):
 * about an action or a bottleneck of its own, with reason, and the board's
 * decision once taken. The board agenda is the list of these.
 *
 * Never touches client tables. Writes run inside db_begin()/db_commit().
 */
#ifndef KR_BOARD_H
#define KR_BOARD_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct escalation {
	int64_t id;
	int64_t action_id; /* 0: a bottleneck not tied to an action */
	const char *action_wat;
	const char *subject, *reason;
	const char *escalated_on;
	const char *escalated_by_name;
	const char *board_on;   /* "" while not discussed */
	const char *decision;   /* "" while undecided */
	const char *decided_on; /* "" while undecided */
} escalation;

/* Every escalation: undecided first (oldest first), then decided (newest first). */
escalation *board_list(arena *a, size_t *n);
/* Escalations about one action, newest first. */
escalation *board_list_action(arena *a, int64_t action_id, size_t *n);
bool board_get(arena *a, int64_t id, escalation *out);
/* The oldest escalation about the action that the board has not decided yet; false when none. */
bool board_open_for_action(arena *a, int64_t action_id, escalation *out);
int64_t board_escalate(int64_t action_id, const char *subject, const char *reason, const char *escalated_on,
                       int64_t user_id);
bool board_decide(int64_t id, const char *board_on, const char *decision);

#endif
