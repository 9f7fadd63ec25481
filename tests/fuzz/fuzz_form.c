/*
 * fuzz_form.c — libFuzzer target for the urlencoded form parser and validator.
 * Invariants: every accepted value is valid UTF-8 without NUL bytes.
 */
#include "server/form.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const char *const choices[] = {"a", "b", NULL};
static const field_spec specs[] = {
	{.name = "t", .type = FT_TEXT, .required = true},
	{.name = "l", .type = FT_LINE, .max_chars = 20},
	{.name = "d", .type = FT_DATE},
	{.name = "i", .type = FT_ID},
	{.name = "c", .type = FT_CHOICE, .choices = choices, .repeated = true},
	{0},
};

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	arena *a = arena_new();
	form f = {.a = a};
	form_limits lim = {.max_fields = 64, .max_value = 4096};
	if (form_parse(a, (const char *)data, size, &lim, &f.fields, &f.count) == FORM_OK) {
		for (size_t i = 0; i < f.count; i++) {
			if (strlen(f.fields[i].value) != f.fields[i].len || !utf8_valid(f.fields[i].value, f.fields[i].len))
				abort();
		}
		form_validate(&f, specs);
		(void)form_str(&f, "l");
	}
	arena_free(a);
	return 0;
}
