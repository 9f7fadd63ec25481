/*
 * test_form.c — urlencoded parsing (refusing NUL, bad UTF-8, too many/too long)
 * and declared-field validation with Dutch messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "server/form.h"

static const form_limits lim = {.max_fields = 10, .max_value = 100};

static form_status parse(arena *a, const char *s, form *f)
{
	memset(f, 0, sizeof *f);
	f->a = a;
	return form_parse(a, s, strlen(s), &lim, &f->fields, &f->count);
}

static void test_parse_basic(void **state)
{
	(void)state;
	arena *a = arena_new();
	form f;
	assert_int_equal(parse(a, "a=1&b=hallo+wereld&c=%3Cscript%3E&a=2&&empty=&novalue", &f), FORM_OK);
	assert_int_equal(f.count, 6);
	assert_string_equal(form_get(&f, "a"), "1");
	assert_string_equal(form_get(&f, "b"), "hallo wereld");
	assert_string_equal(form_get(&f, "c"), "<script>");
	assert_string_equal(form_get(&f, "empty"), "");
	assert_string_equal(form_get(&f, "novalue"), "");
	const char **vals;
	assert_int_equal(form_all(&f, "a", &vals), 2);
	assert_string_equal(vals[1], "2");
	assert_int_equal(parse(a, "", &f), FORM_OK);
	assert_int_equal(f.count, 0);
	assert_int_equal(parse(a, "naam=Vrie%C3%AB", &f), FORM_OK);
	assert_string_equal(form_get(&f, "naam"), "Vrieë");
	arena_free(a);
}

static void test_parse_refuses(void **state)
{
	(void)state;
	arena *a = arena_new();
	form f;
	assert_int_equal(parse(a, "a=%00", &f), FORM_BAD_ENCODING);
	assert_int_equal(parse(a, "a=%ff%fe", &f), FORM_BAD_ENCODING);       /* invalid UTF-8 */
	assert_int_equal(parse(a, "a=%C0%AF", &f), FORM_BAD_ENCODING);       /* overlong */
	assert_int_equal(parse(a, "a=%E", &f), FORM_BAD_ENCODING);           /* truncated escape */
	assert_int_equal(parse(a, "a=%zz", &f), FORM_BAD_ENCODING);
	assert_int_equal(parse(a, "a=1&a=1&a=1&a=1&a=1&a=1&a=1&a=1&a=1&a=1&a=1", &f), FORM_TOO_MANY);
	char big[300];
	memset(big, 'x', sizeof big);
	memcpy(big, "a=", 2);
	big[sizeof big - 1] = '\0';
	assert_int_equal(parse(a, big, &f), FORM_TOO_LONG);
	arena_free(a);
}

static const char *const kinds[] = {"ja", "nee", NULL};
static const field_spec specs[] = {
	{.name = "naam", .type = FT_LINE, .required = true, .max_chars = 10, .label = "Naam"},
	{.name = "soort", .type = FT_CHOICE, .required = true, .choices = kinds, .label = "Soort"},
	{.name = "los", .type = FT_LINE, .required = true},
	{.name = "tekst", .type = FT_TEXT},
	{.name = "datum", .type = FT_DATE},
	{.name = "id", .type = FT_ID},
	{.name = "keuze", .type = FT_CHOICE, .choices = kinds},
	{.name = "lid", .type = FT_LINE, .repeated = true},
	{0},
};

static void test_validate(void **state)
{
	(void)state;
	arena *a = arena_new();
	form f;
	assert_int_equal(parse(a, "naam=+Anna+&tekst=+regel%0Aregel+&datum=2026-02-28&id=12&keuze=ja&lid=a&lid=b&x=1"
	                            "&soort=ja&los=x",
	                       &f),
	                 FORM_OK);
	form_validate(&f, specs);
	assert_false(form_has_errors(&f));
	assert_string_equal(form_get(&f, "naam"), "Anna");           /* lines are trimmed */
	assert_string_equal(form_get(&f, "tekst"), " regel\nregel "); /* text is kept as typed */
	assert_null(form_get(&f, "x"));                              /* undeclared: dropped */
	const char **v;
	assert_int_equal(form_all(&f, "lid", &v), 2);
	int64_t id;
	assert_true(form_int(&f, "id", &id));
	assert_int_equal(id, 12);

	assert_int_equal(parse(a, "naam=&datum=2026-02-30&id=-3&keuze=misschien&tekst=a", &f), FORM_OK);
	form_validate(&f, specs);
	/* a missing required field is named in the message, a choice asks to choose */
	assert_string_equal(form_error(&f, "naam"), "Vul ‘Naam’ in.");
	assert_string_equal(form_error(&f, "soort"), "Kies een waarde bij ‘Soort’.");
	assert_string_equal(form_error(&f, "los"), "Vul dit veld in; het is verplicht.");
	assert_non_null(form_error(&f, "datum"));
	assert_non_null(form_error(&f, "id"));
	assert_non_null(form_error(&f, "keuze"));
	assert_null(form_error(&f, "tekst"));
	assert_string_equal(form_get(&f, "datum"), "2026-02-30"); /* kept for re-display */

	assert_int_equal(parse(a, "naam=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9", &f), FORM_OK);
	form_validate(&f, specs);
	assert_null(form_error(&f, "naam")); /* 10 characters, 20 bytes: allowed */
	assert_int_equal(parse(a, "naam=twee%0Aregel", &f), FORM_OK);
	form_validate(&f, specs);
	assert_string_equal(form_error(&f, "naam"), "Dit veld mag maar één regel bevatten."); /* says why */
	/* bidi overrides and isolates reorder what a colleague reads: refused in lines and text */
	assert_int_equal(parse(a, "naam=06%E2%80%AE8765&tekst=a%E2%81%A6b", &f), FORM_OK);
	form_validate(&f, specs);
	assert_non_null(form_error(&f, "naam"));
	assert_non_null(form_error(&f, "tekst"));
	assert_int_equal(parse(a, "naam=%D8%B3%D9%84%D9%85%D9%89%E2%80%8F&tekst=%E2%80%A9%E2%80%AF", &f), FORM_OK);
	form_validate(&f, specs);
	assert_null(form_error(&f, "naam")); /* Arabic letters and a right-to-left mark are fine */
	assert_null(form_error(&f, "tekst"));
	assert_int_equal(parse(a, "naam=esc%1B%5B31m&tekst=regel%0D%0Aregel%09tab", &f), FORM_OK);
	form_validate(&f, specs);
	assert_non_null(form_error(&f, "naam"));  /* ESC refused */
	assert_null(form_error(&f, "tekst"));     /* CR LF and tab are fine in text */
	assert_int_equal(parse(a, "tekst=bel%07", &f), FORM_OK);
	form_validate(&f, specs);
	assert_non_null(form_error(&f, "tekst"));
	arena_free(a);
}

static void test_parse_id(void **state)
{
	(void)state;
	int64_t v;
	assert_true(parse_id("1", &v));
	assert_int_equal(v, 1);
	assert_false(parse_id("0", &v));
	assert_false(parse_id("", &v));
	assert_false(parse_id("1a", &v));
	assert_false(parse_id("-1", &v));
	assert_false(parse_id("99999999999999999999", &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_basic),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_parse_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
