/*
 * form.c — urlencoded parsing and declared-field validation (see form.h).
 *
 * Must never hand a handler a value with a NUL byte or invalid UTF-8, and never
 * let an undeclared field through. Messages are Dutch: they are shown next to
 * the field.
 */
#include "server/form.h"

#include "util/date.h"
#include "util/utf8.h"

#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0..n) into arena memory; FORM_OK or the reason it failed. */
static form_status decode(arena *a, const char *s, size_t n, size_t max, char **out, size_t *outlen)
{
	char *d = arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= n)
				return FORM_BAD_ENCODING;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return FORM_BAD_ENCODING;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (c == '\0')
			return FORM_BAD_ENCODING;
		d[j++] = c;
		if (j > max)
			return FORM_TOO_LONG;
	}
	d[j] = '\0';
	if (!utf8_valid(d, j))
		return FORM_BAD_ENCODING;
	*out = d;
	*outlen = j;
	return FORM_OK;
}

form_status form_parse(arena *a, const char *s, size_t n, const form_limits *lim,
                       form_field **out, size_t *count)
{
	size_t pairs = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '&')
			pairs++;
	pairs++;
	if (pairs > lim->max_fields + 1)
		return FORM_TOO_MANY;
	form_field *fields = arena_alloc(a, pairs * sizeof *fields);
	size_t k = 0;
	size_t start = 0;
	while (start <= n) {
		size_t end = start;
		while (end < n && s[end] != '&')
			end++;
		if (end > start) {
			size_t eq = start;
			while (eq < end && s[eq] != '=')
				eq++;
			char *name, *value;
			size_t nl, vl;
			form_status st = decode(a, s + start, eq - start, 256, &name, &nl);
			if (st != FORM_OK)
				return st;
			if (eq < end)
				st = decode(a, s + eq + 1, end - eq - 1, lim->max_value, &value, &vl);
			else {
				value = arena_strdup(a, "");
				vl = 0;
			}
			if (st != FORM_OK)
				return st;
			if (k == lim->max_fields)
				return FORM_TOO_MANY;
			fields[k].name = name;
			fields[k].value = value;
			fields[k].len = vl;
			k++;
		}
		start = end + 1;
	}
	*out = fields;
	*count = k;
	return FORM_OK;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static const char *trim(arena *a, const char *s)
{
	size_t n = strlen(s);
	size_t b = 0;
	while (b < n && is_space(s[b]))
		b++;
	while (n > b && is_space(s[n - 1]))
		n--;
	return arena_strndup(a, s + b, n - b);
}

bool parse_id(const char *s, int64_t *out)
{
	if (!s || !*s || strlen(s) > 15)
		return false;
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	if (v <= 0)
		return false;
	*out = v;
	return true;
}

static bool parse_int(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	int64_t v;
	if (!parse_id(neg ? s + 1 : s, &v)) {
		if (strcmp(s, "0") == 0) {
			*out = 0;
			return true;
		}
		return false;
	}
	*out = neg ? -v : v;
	return true;
}

/* C0 controls (but tab, and newlines in multi-line text) and DEL: invisible,
 * and able to corrupt terminals, logs and exports downstream. Also the
 * bidirectional embeddings, overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069): invisible, they make a colleague read a name or telephone
 * number in another order than stored. */
static bool has_control_chars(const char *v, bool multiline)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == '\t' || (multiline && (*p == '\n' || *p == '\r')))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return true;
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
		                     (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			return true;
	}
	return false;
}

static const field_spec *find_spec(const field_spec *specs, const char *name)
{
	for (const field_spec *sp = specs; sp && sp->name; sp++)
		if (strcmp(sp->name, name) == 0)
			return sp;
	return NULL;
}

static unsigned default_max(field_type t)
{
	switch (t) {
	case FT_TEXT: return 20000;
	case FT_LINE: return 200;
	case FT_ID:
	case FT_INT: return 16;
	case FT_DATE: return 10;
	case FT_CHOICE: return 64;
	case FT_TOKEN: return 128;
	}
	return 200;
}

static const char *check_value(form *f, const field_spec *sp, const char *v)
{
	unsigned max = sp->max_chars ? sp->max_chars : default_max(sp->type);
	size_t chars = utf8_chars(v, strlen(v));
	if (chars > max)
		return arena_printf(f->a, "Dit veld mag ten hoogste %u tekens bevatten (nu %zu).", max, chars);
	if (*v == '\0')
		return NULL; /* emptiness is judged by `required` */
	if (sp->type == FT_LINE && strpbrk(v, "\r\n"))
		return "Dit veld mag maar één regel bevatten.";
	if (sp->type != FT_TOKEN && has_control_chars(v, sp->type == FT_TEXT))
		return "Dit veld bevat onzichtbare stuurtekens; typ de tekst opnieuw of plak hem als platte tekst.";
	int64_t n;
	kr_date d;
	switch (sp->type) {
	case FT_LINE:
		break;
	case FT_ID:
		if (!parse_id(v, &n))
			return "Kies een geldige waarde.";
		break;
	case FT_INT:
		if (!parse_int(v, &n))
			return "Vul een geheel getal in.";
		break;
	case FT_DATE:
		if (!kr_date_parse_iso(v, &d))
			return "Vul een geldige datum in.";
		break;
	case FT_CHOICE: {
		bool found = false;
		for (const char *const *c = sp->choices; c && *c; c++)
			if (strcmp(*c, v) == 0)
				found = true;
		if (!found)
			return "Kies een van de mogelijkheden.";
		break;
	}
	case FT_TEXT:
	case FT_TOKEN:
		break;
	}
	return NULL;
}

const char *form_label(const form *f, const char *name)
{
	const field_spec *sp = find_spec(f->specs, name);
	return sp ? sp->label : NULL;
}

/* "Vul ‘Naam’ in." / "Kies ‘Rollen’.": the field named, in the form's own words. */
static const char *required_message(form *f, const field_spec *sp)
{
	if (!sp->label)
		return "Vul dit veld in; het is verplicht.";
	if (sp->type == FT_CHOICE || sp->type == FT_ID)
		return arena_printf(f->a, "Kies een waarde bij ‘%s’.", sp->label);
	return arena_printf(f->a, "Vul ‘%s’ in.", sp->label);
}

void form_validate(form *f, const field_spec *specs)
{
	f->specs = specs;
	size_t kept = 0;
	for (size_t i = 0; i < f->count; i++) {
		const field_spec *sp = find_spec(specs, f->fields[i].name);
		if (!sp)
			continue;
		bool seen_before = false;
		for (size_t j = 0; j < kept; j++)
			if (strcmp(f->fields[j].name, sp->name) == 0)
				seen_before = true;
		if (seen_before && !sp->repeated)
			continue; /* first value wins for single fields */
		form_field fld = f->fields[i];
		if (sp->type != FT_TEXT && sp->type != FT_TOKEN) {
			fld.value = trim(f->a, fld.value);
			fld.len = strlen(fld.value);
		}
		f->fields[kept++] = fld;
		const char *msg = check_value(f, sp, fld.value);
		if (msg && !form_error(f, sp->name))
			form_add_error(f, sp->name, msg);
	}
	f->count = kept;
	for (const field_spec *sp = specs; sp && sp->name; sp++) {
		if (!sp->required || form_error(f, sp->name))
			continue;
		const char **vals;
		size_t n = form_all(f, sp->name, &vals);
		bool any = false;
		for (size_t i = 0; i < n; i++)
			if (*trim(f->a, vals[i]))
				any = true;
		if (!any)
			form_add_error(f, sp->name, required_message(f, sp));
	}
}

const char *form_get(const form *f, const char *name)
{
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}

const char *form_str(const form *f, const char *name)
{
	const char *v = form_get(f, name);
	return v ? trim(f->a, v) : "";
}

size_t form_all(const form *f, const char *name, const char ***out)
{
	size_t n = 0;
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			n++;
	const char **vals = arena_alloc(f->a, (n + 1) * sizeof *vals);
	size_t k = 0;
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			vals[k++] = f->fields[i].value;
	*out = vals;
	return n;
}

bool form_int(const form *f, const char *name, int64_t *out)
{
	const char *v = form_get(f, name);
	return v && parse_int(v, out);
}

void form_add_error(form *f, const char *name, const char *message)
{
	if (f->nerrors == f->cap_errors) {
		size_t cap = f->cap_errors ? f->cap_errors * 2 : 8;
		field_error *e = arena_alloc(f->a, cap * sizeof *e);
		if (f->nerrors)
			memcpy(e, f->errors, f->nerrors * sizeof *e);
		f->errors = e;
		f->cap_errors = cap;
	}
	f->errors[f->nerrors].name = name;
	f->errors[f->nerrors].message = message;
	f->nerrors++;
}

const char *form_error(const form *f, const char *name)
{
	for (size_t i = 0; i < f->nerrors; i++)
		if (strcmp(f->errors[i].name, name) == 0)
			return f->errors[i].message;
	return NULL;
}

bool form_has_errors(const form *f)
{
	return f->nerrors > 0;
}
