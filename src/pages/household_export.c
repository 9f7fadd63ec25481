/*
 * household_export.c — /casussen/{id}/inzage and /casussen/{id}/inzage.json:
 * everything stored about the case's household, for the family's right of access
 * (AVG art. 15), as a printable HTML document and as JSON. The sections and their
 * rows come from store/household_export.c; this file only renders them, every
 * value escaped (the template engine for HTML, util/json.c for JSON).
 *
 * Access: the case's regisseur (/casussen/{id}/inzage, access_case_director) and
 * the privacy officer for a household his/her own search found
 * (/privacy/huishoudens/{id}/inzage, access_privacy_household: AVG art. 15 asks
 * either to hand the family its data); recorded as an export in the household's
 * access log by the router.
 */
#include "pages/privacy.h"

#include "pages/household_export_labels.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/db.h"
#include "store/household.h"
#include "store/household_export.h"
#include "util/date.h"
#include "util/json.h"

#include <stdio.h>
#include <string.h>

/* The value of column i as text ("" for NULL, "(binair)" for a BLOB). */
static const char *column_text(arena *a, sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL: return "";
	case SQLITE_BLOB: return "(binair)";
	default: return db_text(a, st, i);
	}
}

/* ---- HTML ---- */

typedef struct html_walk {
	arena *a;
	const char *key; /* the section's key */
	tv *sections, *section, *rows;
} html_walk;

static void html_section(void *arg, const household_export_section *s)
{
	html_walk *w = arg;
	w->section = tv_obj(w->a);
	w->rows = tv_list(w->a);
	w->key = s->key;
	tv_set_str(w->section, "key", s->key);
	tv_set_str(w->section, "title", s->title);
	tv_set(w->section, "rows", w->rows);
}

static void html_row(void *arg, sqlite3_stmt *st)
{
	html_walk *w = arg;
	tv *row = tv_obj(w->a), *fields = tv_list(w->a);
	int n = sqlite3_column_count(st);
	/* a safety plan item's free columns a..e are named after its list */
	const char *part = NULL;
	if (strcmp(w->key, "veiligheidsplan_onderdelen") == 0)
		for (int i = 0; i < n; i++)
			if (strcmp(sqlite3_column_name(st, i), "part") == 0)
				part = column_text(w->a, st, i);
	for (int i = 0; i < n; i++) {
		const char *v = column_text(w->a, st, i);
		if (!*v)
			continue; /* empty fields only lengthen the document */
		tv *f = tv_obj(w->a);
		const char *column = sqlite3_column_name(st, i);
		tv_set_str(f, "name", part ? export_item_column_label(part, column) : export_column_label(column));
		tv_set_str(f, "value", v);
		tv_push(fields, f);
	}
	tv_set(row, "fields", fields);
	tv_push(w->rows, row);
}

static void html_section_end(void *arg, const household_export_section *s)
{
	(void)s;
	html_walk *w = arg;
	tv_set_int(w->section, "count", (int64_t)tv_list_len(w->rows));
	tv_set_bool(w->section, "empty", tv_list_len(w->rows) == 0);
	tv_push(w->sections, w->section);
}

/* The HTML document for household_id; back and json are the page's links. */
static void export_html(request *rq, int64_t household_id, const char *name, const char *back, const char *json)
{
	arena *a = rq->a;
	rq->audit.object_type = "household_export";
	rq->audit.object_id = household_id;
	rq->audit.household_id = household_id;
	rq->audit.detail = "inzage: alles over het huishouden (HTML)";
	tv *ctx = page_ctx(rq, arena_printf(a, "Inzage: %s", name));
	html_walk w = {.a = a, .sections = tv_list(a)};
	static const household_export_visitor v = {html_section, html_row, html_section_end};
	if (!household_export_walk(household_id, &v, &w)) {
		respond_error(rq, 500);
		return;
	}
	tv_set(ctx, "sections", w.sections);
	tv_set_str(ctx, "back_href", back);
	tv_set_str(ctx, "json_href", json);
	tv_set_int(ctx, "household_id", household_id);
	tv_set_str(ctx, "household_name", name);
	char today[KR_DATE_BUF];
	kr_date_format(kr_date_today_nl(), today);
	tv_set_str(ctx, "today", today);
	respond_page(rq, 200, "household_export", ctx);
}

void page_household_export(request *rq)
{
	case_rec c;
	bool begun = db_read_begin();
	if (!case_get(rq->a, rq->ids[0], &c))
		respond_error(rq, 404);
	else
		export_html(rq, c.household_id, c.household_name, arena_printf(rq->a, "/casussen/%lld", (long long)c.id),
		            arena_printf(rq->a, "/casussen/%lld/inzage.json", (long long)c.id));
	db_read_end(begun);
}

void page_privacy_household_export(request *rq)
{
	household h;
	bool begun = db_read_begin();
	if (!household_get(rq->a, rq->ids[0], &h))
		respond_error(rq, 404);
	else
		export_html(rq, h.id, h.name, arena_printf(rq->a, "/privacy/huishoudens/%lld", (long long)h.id),
		            arena_printf(rq->a, "/privacy/huishoudens/%lld/inzage.json", (long long)h.id));
	db_read_end(begun);
}

/* ---- JSON ---- */

static void json_section(void *arg, const household_export_section *s)
{
	json_writer *w = arg;
	json_key(w, s->key);
	json_array_open(w);
}

static void json_row(void *arg, sqlite3_stmt *st)
{
	json_writer *w = arg;
	json_object_open(w);
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		json_key(w, sqlite3_column_name(st, i));
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_NULL: json_null(w); break;
		case SQLITE_INTEGER: json_int(w, sqlite3_column_int64(st, i)); break;
		case SQLITE_FLOAT: json_double(w, sqlite3_column_double(st, i)); break;
		case SQLITE_BLOB: json_null(w); break;
		default: json_str(w, (const char *)sqlite3_column_text(st, i)); break;
		}
	}
	json_object_close(w);
}

static void json_section_end(void *arg, const household_export_section *s)
{
	(void)s;
	json_array_close(arg);
}

/* The JSON document for household_id (in the caller's read transaction). */
static void export_json(request *rq, int64_t household_id)
{
	arena *a = rq->a;
	rq->audit.object_type = "household_export";
	rq->audit.object_id = household_id;
	rq->audit.household_id = household_id;
	rq->audit.detail = "inzage: alles over het huishouden (JSON)";
	strbuf sb;
	sb_init(&sb, a);
	json_writer w;
	json_begin(&w, &sb);
	json_object_open(&w);
	json_key(&w, "huishouden_id");
	json_int(&w, household_id);
	json_key(&w, "uitgevoerd_door");
	json_str(&w, rq->user->name);
	json_key(&w, "organisatie");
	json_str(&w, rq->user->org_name);
	json_key(&w, "delen");
	json_object_open(&w);
	static const household_export_visitor v = {json_section, json_row, json_section_end};
	bool ok = household_export_walk(household_id, &v, &w);
	json_object_close(&w);
	json_object_close(&w);
	if (!ok) {
		respond_error(rq, 500);
		return;
	}
	sb_putc(&sb, '\n');
	char disposition[96];
	snprintf(disposition, sizeof disposition, "attachment; filename=\"inzage-huishouden-%lld.json\"",
	         (long long)household_id);
	response_add_header(rq, "Content-Disposition", arena_strdup(a, disposition));
	respond_bytes(rq, 200, "application/json; charset=utf-8", sb.data, sb.len);
}

void page_household_export_json(request *rq)
{
	case_rec c;
	bool begun = db_read_begin();
	if (!case_get(rq->a, rq->ids[0], &c))
		respond_error(rq, 404);
	else
		export_json(rq, c.household_id);
	db_read_end(begun);
}

void page_privacy_household_export_json(request *rq)
{
	household h;
	bool begun = db_read_begin();
	if (!household_get(rq->a, rq->ids[0], &h))
		respond_error(rq, 404);
	else
		export_json(rq, h.id);
	db_read_end(begun);
}
