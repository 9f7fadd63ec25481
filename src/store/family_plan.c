/*
 * family_plan.c — SQL for family plan versions (scores, goals, services) and
 * evaluations (see family_plan.h). Versions and evaluations are append-only
 * (triggers in 0013). Never decides who may see a plan.
 */
#include "store/family_plan.h"

#include "store/db.h"

#include <stdlib.h>
#include <string.h>

static const char *const domain_labels[ZRM_DOMAINS] = {
	"Financiën", "Werk & opleiding", "Tijdsbesteding", "Huisvesting", "Huiselijke relaties",
	"Geestelijke gezondheid", "Lichamelijke gezondheid", "Middelengebruik", "Basale ADL",
	"Instrumentele ADL", "Sociaal netwerk", "Maatschappelijke participatie", "Justitie",
};
static const char *const score_labels[5] = {
	"acute problematiek", "niet zelfredzaam", "beperkt zelfredzaam", "voldoende zelfredzaam",
	"volledig zelfredzaam",
};

const char *zrm_domain_label(int domain)
{
	return domain >= 1 && domain <= ZRM_DOMAINS ? domain_labels[domain - 1] : "";
}

const char *zrm_score_label(int score)
{
	return score >= 1 && score <= 5 ? score_labels[score - 1] : "";
}

const char *const fp_goal_statuses[] = {"open", "loopt", "behaald", "niet_behaald", "vervallen", NULL};
static const char *const goal_status_labels[] = {"open", "loopt", "behaald", "niet behaald", "vervallen"};

const char *fp_goal_status_label(const char *status)
{
	for (int i = 0; fp_goal_statuses[i]; i++)
		if (status && strcmp(fp_goal_statuses[i], status) == 0)
			return goal_status_labels[i];
	return "";
}

const char *const evaluation_conclusions[] = {"doorgaan", "bijstellen", "volgende_fase", "opschalen", "afsluiten",
                                              NULL};
static const char *const conclusion_labels[] = {"doorgaan", "bijstellen", "volgende fase", "opschalen",
                                                "afsluiten"};

const char *evaluation_conclusion_label(const char *code)
{
	for (int i = 0; evaluation_conclusions[i]; i++)
		if (code && strcmp(evaluation_conclusions[i], code) == 0)
			return conclusion_labels[i];
	return "";
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_opt_int(sqlite3_stmt *st, int i, int64_t v)
{
	if (v > 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

int64_t family_plan_latest_n(int64_t case_id)
{
	sqlite3_stmt *st = db_stmt("SELECT coalesce(max(n), 0) FROM family_plan_version WHERE case_id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

static void read_lists(arena *a, fp_plan *p)
{
	size_t cap = 0;
	sqlite3_stmt *st = db_stmt("SELECT person_id, domain, coalesce(score, 0), not_assessed_reason,"
	                           " coalesce(scored_on, ''), source, note FROM family_plan_score"
	                           " WHERE version_id = ?1 ORDER BY person_id, domain");
	sqlite3_bind_int64(st, 1, p->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p->scores = arena_grow(a, p->scores, p->nscores, &cap, sizeof *p->scores);
		fp_score *s = &p->scores[p->nscores++];
		s->person_id = sqlite3_column_int64(st, 0);
		s->domain = sqlite3_column_int(st, 1);
		s->score = sqlite3_column_int(st, 2);
		s->reason = db_text(a, st, 3);
		s->scored_on = db_text(a, st, 4);
		s->source = db_text(a, st, 5);
		s->note = db_text(a, st, 6);
	}
	sqlite3_reset(st);
	cap = 0;
	st = db_stmt("SELECT domain, coalesce(person_id, 0), what, coalesce(target, 0), who, coalesce(due_on, ''), status"
	             " FROM family_plan_goal WHERE version_id = ?1 ORDER BY position");
	sqlite3_bind_int64(st, 1, p->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p->goals = arena_grow(a, p->goals, p->ngoals, &cap, sizeof *p->goals);
		fp_goal *g = &p->goals[p->ngoals++];
		g->domain = sqlite3_column_int(st, 0);
		g->person_id = sqlite3_column_int64(st, 1);
		g->what = db_text(a, st, 2);
		g->target = sqlite3_column_int(st, 3);
		g->who = db_text(a, st, 4);
		g->due_on = db_text(a, st, 5);
		g->status = db_text(a, st, 6);
	}
	sqlite3_reset(st);
	cap = 0;
	st = db_stmt("SELECT provider, what, coalesce(from_on, ''), coalesce(to_on, '') FROM family_plan_service"
	             " WHERE version_id = ?1 ORDER BY position");
	sqlite3_bind_int64(st, 1, p->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p->services = arena_grow(a, p->services, p->nservices, &cap, sizeof *p->services);
		fp_service *s = &p->services[p->nservices++];
		s->provider = db_text(a, st, 0);
		s->what = db_text(a, st, 1);
		s->from_on = db_text(a, st, 2);
		s->to_on = db_text(a, st, 3);
	}
	sqlite3_reset(st);
}

bool family_plan_get(arena *a, int64_t case_id, int64_t n, fp_plan *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt("SELECT v.id, v.n, v.family_goals, v.strengths, v.worries, u.name, v.saved_at"
	                           " FROM family_plan_version v JOIN app_user u ON u.id = v.saved_by"
	                           " WHERE v.case_id = ?1 AND (?2 = 0 OR v.n = ?2) ORDER BY v.n DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, n);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		out->id = sqlite3_column_int64(st, 0);
		out->case_id = case_id;
		out->n = sqlite3_column_int64(st, 1);
		out->family_goals = db_text(a, st, 2);
		out->strengths = db_text(a, st, 3);
		out->worries = db_text(a, st, 4);
		out->saved_by_name = db_text(a, st, 5);
		out->saved_at = db_text(a, st, 6);
	}
	sqlite3_reset(st);
	if (found)
		read_lists(a, out);
	return found;
}

int64_t family_plan_save(const fp_plan *p, int64_t expected_n, int64_t user_id)
{
	if (family_plan_latest_n(p->case_id) != expected_n)
		return 0;
	sqlite3_stmt *st = db_stmt("INSERT OR IGNORE INTO family_plan_version (case_id, n, family_goals, strengths,"
	                           " worries, saved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sqlite3_bind_int64(st, 1, p->case_id);
	sqlite3_bind_int64(st, 2, expected_n + 1);
	sqlite3_bind_text(st, 3, nz(p->family_goals), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, nz(p->strengths), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, nz(p->worries), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, user_id);
	if (!db_done(st))
		return -1;
	if (sqlite3_changes(db_conn()) != 1)
		return 0; /* (case_id, n) taken: someone saved first */
	int64_t vid = db_last_id();
	for (size_t i = 0; i < p->nscores; i++) {
		const fp_score *s = &p->scores[i];
		st = db_stmt("INSERT INTO family_plan_score (version_id, person_id, domain, score, not_assessed_reason,"
		             " scored_on, source, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
		sqlite3_bind_int64(st, 1, vid);
		sqlite3_bind_int64(st, 2, s->person_id);
		sqlite3_bind_int(st, 3, s->domain);
		bind_opt_int(st, 4, s->score);
		sqlite3_bind_text(st, 5, nz(s->reason), -1, SQLITE_TRANSIENT);
		bind_opt_text(st, 6, s->scored_on);
		sqlite3_bind_text(st, 7, nz(s->source), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 8, nz(s->note), -1, SQLITE_TRANSIENT);
		if (!db_done(st))
			return -1;
	}
	for (size_t i = 0; i < p->ngoals; i++) {
		const fp_goal *g = &p->goals[i];
		st = db_stmt("INSERT INTO family_plan_goal (version_id, position, domain, person_id, what, target, who,"
		             " due_on, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
		sqlite3_bind_int64(st, 1, vid);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		sqlite3_bind_int(st, 3, g->domain);
		bind_opt_int(st, 4, g->person_id);
		sqlite3_bind_text(st, 5, nz(g->what), -1, SQLITE_TRANSIENT);
		bind_opt_int(st, 6, g->target);
		sqlite3_bind_text(st, 7, nz(g->who), -1, SQLITE_TRANSIENT);
		bind_opt_text(st, 8, g->due_on);
		sqlite3_bind_text(st, 9, g->status && *g->status ? g->status : "open", -1, SQLITE_TRANSIENT);
		if (!db_done(st))
			return -1;
	}
	for (size_t i = 0; i < p->nservices; i++) {
		const fp_service *s = &p->services[i];
		st = db_stmt("INSERT INTO family_plan_service (version_id, position, provider, what, from_on, to_on)"
		             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
		sqlite3_bind_int64(st, 1, vid);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		sqlite3_bind_text(st, 3, nz(s->provider), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, nz(s->what), -1, SQLITE_TRANSIENT);
		bind_opt_text(st, 5, s->from_on);
		bind_opt_text(st, 6, s->to_on);
		if (!db_done(st))
			return -1;
	}
	return expected_n + 1;
}

int family_plan_first_score(int64_t case_id, int64_t person_id, int domain)
{
	sqlite3_stmt *st = db_stmt("SELECT s.score FROM family_plan_version v JOIN family_plan_score s"
	                           " ON s.version_id = v.id AND s.person_id = ?2 AND s.domain = ?3"
	                           " WHERE v.case_id = ?1 AND s.score IS NOT NULL ORDER BY v.n LIMIT 1");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, person_id);
	sqlite3_bind_int(st, 3, domain);
	int score = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return score;
}

/* ---- evaluations ---- */

int64_t evaluation_add(const evaluation_rec *e, int64_t user_id)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO case_evaluation (case_id, held_on, family_view, scale_trend, conclusion,"
	                           " conclusion_note, next_on, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	sqlite3_bind_int64(st, 1, e->case_id);
	sqlite3_bind_text(st, 2, nz(e->held_on), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, nz(e->family_view), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, nz(e->scale_trend), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, nz(e->conclusion), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, nz(e->conclusion_note), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, nz(e->next_on), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 8, user_id);
	if (!db_done(st))
		return 0;
	int64_t id = db_last_id();
	for (size_t i = 0; i < e->ndomains; i++) {
		st = db_stmt("INSERT INTO case_evaluation_domain (evaluation_id, person_id, domain, start_score, now_score)"
		             " VALUES (?1, ?2, ?3, ?4, ?5)");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, e->domains[i].person_id);
		sqlite3_bind_int(st, 3, e->domains[i].domain);
		bind_opt_int(st, 4, e->domains[i].start_score);
		bind_opt_int(st, 5, e->domains[i].now_score);
		if (!db_done(st))
			return 0;
	}
	for (size_t i = 0; i < e->nconditions; i++) {
		st = db_stmt("INSERT INTO case_evaluation_condition (evaluation_id, condition_id, status) VALUES (?1, ?2, ?3)");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, e->conditions[i].condition_id);
		sqlite3_bind_text(st, 3, nz(e->conditions[i].status), -1, SQLITE_TRANSIENT);
		if (!db_done(st))
			return 0;
	}
	for (size_t i = 0; i < e->ngoals; i++) {
		st = db_stmt("INSERT INTO case_evaluation_goal (evaluation_id, position, goal, achieved) VALUES (?1, ?2, ?3, ?4)");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		sqlite3_bind_text(st, 3, nz(e->goals[i].goal), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, nz(e->goals[i].achieved), -1, SQLITE_TRANSIENT);
		if (!db_done(st))
			return 0;
	}
	/* the latest evaluation (by date) decides the case's next date */
	st = db_stmt("INSERT INTO case_evaluation_due (case_id, due_on) SELECT ?1, next_on FROM case_evaluation"
	             " WHERE case_id = ?1 ORDER BY held_on DESC, id DESC LIMIT 1"
	             " ON CONFLICT (case_id) DO UPDATE SET due_on = excluded.due_on");
	sqlite3_bind_int64(st, 1, e->case_id);
	if (!db_done(st))
		return 0;
	return id;
}

static void read_evaluation_row(arena *a, sqlite3_stmt *st, evaluation_rec *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	e->case_id = sqlite3_column_int64(st, 1);
	e->held_on = db_text(a, st, 2);
	e->family_view = db_text(a, st, 3);
	e->scale_trend = db_text(a, st, 4);
	e->conclusion = db_text(a, st, 5);
	e->conclusion_note = db_text(a, st, 6);
	e->next_on = db_text(a, st, 7);
	e->created_by_name = db_text(a, st, 8);
	e->created_at = db_text(a, st, 9);
}

evaluation_rec *evaluation_list(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT e.id, e.case_id, e.held_on, e.family_view, e.scale_trend, e.conclusion,"
	                           " e.conclusion_note, e.next_on, u.name, e.created_at FROM case_evaluation e"
	                           " JOIN app_user u ON u.id = e.created_by WHERE e.case_id = ?1"
	                           " ORDER BY e.held_on DESC, e.id DESC");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	evaluation_rec *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_evaluation_row(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool evaluation_get(arena *a, int64_t case_id, int64_t id, evaluation_rec *out)
{
	sqlite3_stmt *st = db_stmt("SELECT e.id, e.case_id, e.held_on, e.family_view, e.scale_trend, e.conclusion,"
	                           " e.conclusion_note, e.next_on, u.name, e.created_at FROM case_evaluation e"
	                           " JOIN app_user u ON u.id = e.created_by WHERE e.case_id = ?1 AND e.id = ?2");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_evaluation_row(a, st, out);
	sqlite3_reset(st);
	if (!found)
		return false;
	size_t cap = 0;
	st = db_stmt("SELECT d.person_id, p.name, d.domain, coalesce(d.start_score, 0), coalesce(d.now_score, 0)"
	             " FROM case_evaluation_domain d JOIN person p ON p.id = d.person_id WHERE d.evaluation_id = ?1"
	             " ORDER BY d.person_id, d.domain");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		out->domains = arena_grow(a, out->domains, out->ndomains, &cap, sizeof *out->domains);
		ev_domain *d = &out->domains[out->ndomains++];
		d->person_id = sqlite3_column_int64(st, 0);
		d->person_name = db_text(a, st, 1);
		d->domain = sqlite3_column_int(st, 2);
		d->start_score = sqlite3_column_int(st, 3);
		d->now_score = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	cap = 0;
	st = db_stmt("SELECT c.condition_id, k.text, c.status FROM case_evaluation_condition c"
	             " JOIN case_condition k ON k.id = c.condition_id WHERE c.evaluation_id = ?1 ORDER BY k.id");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		out->conditions = arena_grow(a, out->conditions, out->nconditions, &cap, sizeof *out->conditions);
		ev_condition *c = &out->conditions[out->nconditions++];
		c->condition_id = sqlite3_column_int64(st, 0);
		c->text = db_text(a, st, 1);
		c->status = db_text(a, st, 2);
	}
	sqlite3_reset(st);
	cap = 0;
	st = db_stmt("SELECT goal, achieved FROM case_evaluation_goal WHERE evaluation_id = ?1 ORDER BY position");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		out->goals = arena_grow(a, out->goals, out->ngoals, &cap, sizeof *out->goals);
		out->goals[out->ngoals].goal = db_text(a, st, 0);
		out->goals[out->ngoals].achieved = db_text(a, st, 1);
		out->ngoals++;
	}
	sqlite3_reset(st);
	return true;
}

#define DUE_EXPR EVALUATION_DUE_SQL

const char *evaluation_due_of(arena *a, int64_t case_id)
{
	sqlite3_stmt *st = db_stmt("SELECT " DUE_EXPR " FROM casefile c LEFT JOIN case_evaluation_due d ON d.case_id = c.id"
	                           " WHERE c.id = ?1 AND c.status = 'open'");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 9, evaluation_norm_weeks());
	const char *due = sqlite3_step(st) == SQLITE_ROW ? db_text(a, st, 0) : "";
	sqlite3_reset(st);
	return due;
}

ev_overdue *evaluation_overdue_for(arena *a, int64_t user_id, int64_t team_org_id, const char *today_iso,
                                   keyset after, size_t limit, size_t *n, bool *more)
{
	/* each arm walks one index of case_evaluation_open (0026: the open cases with their
	 * EVALUATION_DUE_SQL date, kept by triggers) from the earliest date after the keyset,
	 * in the order of the page, and stops with the page: never the whole caseload */
	sqlite3_stmt *st = db_stmt(
		"SELECT q.case_id, h.name, q.due_on, u.name, c.household_id FROM case_evaluation_open q INDEXED BY case_evaluation_open_director"
		" JOIN casefile c ON c.id = q.case_id JOIN household h ON h.id = c.household_id"
		" JOIN app_user u ON u.id = q.director_id"
		" WHERE q.director_id = ?1 AND q.due_on < ?3 AND (q.due_on, q.case_id) > (?20, ?21)"
		" UNION"
		" SELECT q.case_id, h.name, q.due_on, u.name, c.household_id FROM case_evaluation_open q INDEXED BY case_evaluation_open_team"
		" JOIN casefile c ON c.id = q.case_id JOIN household h ON h.id = c.household_id"
		" JOIN app_user u ON u.id = q.director_id"
		" WHERE ?2 > 0 AND q.team_org_id = ?2 AND q.due_on < ?3 AND (q.due_on, q.case_id) > (?20, ?21)"
		" ORDER BY 3, 1 LIMIT ?4");
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, team_org_id);
	sqlite3_bind_text(st, 3, today_iso, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, (int64_t)limit + 1);
	sqlite3_bind_text(st, 20, after.key ? after.key : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 21, after.id);
	size_t cap = 0, k = 0;
	ev_overdue *list = NULL;
	*more = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (k == limit) {
			*more = true;
			break;
		}
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].case_id = sqlite3_column_int64(st, 0);
		list[k].household_name = db_text(a, st, 1);
		list[k].due_on = db_text(a, st, 2);
		list[k].director_name = db_text(a, st, 3);
		list[k].household_id = sqlite3_column_int64(st, 4);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

int evaluation_norm_weeks(void)
{
	sqlite3_stmt *st = db_stmt("SELECT value FROM setting WHERE key = 'norm_evaluatie_weken'");
	int weeks = 6;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		char *end = NULL;
		long w = v ? strtol(v, &end, 10) : 0;
		if (v && *v && end && !*end && w >= 1 && w <= 52)
			weeks = (int)w;
	}
	sqlite3_reset(st);
	return weeks;
}

bool evaluation_norm_set(int weeks)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO setting (key, value) VALUES ('norm_evaluatie_weken', ?1)"
	                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	sqlite3_bind_int(st, 1, weeks);
	return db_done(st);
}
