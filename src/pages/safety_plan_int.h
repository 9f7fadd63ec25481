/*
 * safety_plan_int.h — shared inside the safety plan pages (safety_plan*.c): the
 * table that names every list of the plan (form fields, Dutch labels, the case
 * part that shows it), reading the plan form, and turning a plan into template
 * values filtered by the parts mask from case_parts_of().
 *
 * Nothing here decides access: every function that shows plan content takes the
 * mask the caller got from case_parts_of() and shows only what it names.
 */
#ifndef KR_SAFETY_PLAN_INT_H
#define KR_SAFETY_PLAN_INT_H

#include "server/request.h"
#include "store/safety_plan.h"
#include "view/tmpl.h"

#include <stdbool.h>

typedef enum { SPC_LINE, SPC_TEXT, SPC_DATE, SPC_CHOICE, SPC_OWNER } sp_col_kind;

typedef struct sp_column {
	const char *field; /* repeated form field */
	const char *label; /* Dutch column label */
	sp_col_kind kind;
	const char *const *choices;       /* SPC_CHOICE: codes, NULL-terminated */
	const char *const *choice_labels; /* their Dutch labels */
} sp_column;

typedef struct sp_list_spec {
	const char *title; /* Dutch heading */
	const char *hint;  /* one sentence under the heading */
	unsigned part;     /* PART_* bit that shows this list */
	size_t ncols;
	sp_column cols[SP_MAX_COLS];
	size_t key_col;    /* column that identifies a line across versions (comparison) */
} sp_list_spec;

extern const sp_list_spec safety_plan_lists[SP_LIST_COUNT];
const char *sp_choice_label(const sp_column *col, const char *code);

/* Empty rows offered under every list; "meer regels" adds this many more. */
enum { SP_EMPTY_ROWS = 2, SP_MORE_ROWS = 3, SP_MAX_ROWS = 60 };

/* A new plan's starting point: the crisis contacts everyone needs. */
void sp_plan_defaults(arena *a, sp_plan *p, int64_t case_id);

/* Read the plan form into p (lines with every column empty are dropped) and
 * validate it, adding Dutch messages to rq->form. agreeing: the stricter check for
 * "vastgesteld met het gezin". Own new conditions are in p->items[SP_VOORWAARDE]
 * with condition_id 0. */
void sp_plan_from_form(request *rq, sp_plan *p, bool agreeing);

/* The edit form's values: the plan's lines (or the submitted ones when
 * from_form) plus empty rows (extra more). Sets ctx.edit.* */
void sp_form_put(request *rq, tv *ctx, const sp_plan *p, bool from_form, size_t extra);

/* The plan for reading, filtered by mask (PART_* bits); own_org: the reader's
 * organisation (its agreements are PART_BASIS). Returns an object with
 * scalars, `lists` and show_* flags. */
tv *sp_plan_view(request *rq, const sp_plan *p, unsigned mask, int64_t own_org);

/* Part-by-part comparison of two versions, filtered by mask. */
tv *sp_compare_view(request *rq, const sp_plan *older, const sp_plan *newer, unsigned mask, int64_t own_org);

/* Is an agreed version shared with a reader whose parts are mask and whose
 * organisation is org_id: does he or she see any of it? (the start page's
 * "nieuw veiligheidsplan" and "not read yet" follow this one rule) */
bool sp_shares_with(unsigned mask, int64_t version_id, int64_t org_id);
/* ctx.unread_by: the involved people the agreed version is shared with who have
 * not opened it (readers: those who did). */
void sp_unread_put(request *rq, tv *ctx, int64_t case_id, int64_t version_id, const sp_reader *readers,
                   size_t nreaders);

/* Display name of an agreement's owner. */
const char *sp_owner_label(arena *a, const sp_item *it);

#endif
