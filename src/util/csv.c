/*
 * csv.c — CSV writer for Dutch Excel (see csv.h). Every cell is written
 * followed by ';'; csv_end_row() turns the row's last ';' into CRLF. That
 * keeps the writer stateless and makes empty cells unambiguous. It must
 * never emit a text cell that Excel would evaluate as a formula.
 */
#include "util/csv.h"

#include <stdbool.h>
#include <string.h>

void csv_begin(strbuf *sb)
{
	sb_append(sb, "\xEF\xBB\xBF", 3);
}

/* Characters that make Excel (and LibreOffice) start a formula. */
static bool formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

void csv_cell(strbuf *sb, const char *s)
{
	if (s == NULL)
		s = "";
	size_t n = strlen(s);

	/* Skip leading spaces before looking for a formula start: some readers
	 * trim them and would still evaluate " =1+1". */
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	bool prefix = i < n && formula_start(s[i]);

	bool quote = n > 0 && (is_blank(s[0]) || is_blank(s[n - 1]));
	if (!quote && strpbrk(s, ";\"\r\n") != NULL)
		quote = true;

	if (quote)
		sb_putc(sb, '"');
	if (prefix)
		sb_putc(sb, '\'');
	if (quote) {
		const char *p = s;
		const char *q;
		while ((q = strchr(p, '"')) != NULL) {
			sb_append(sb, p, (size_t)(q - p) + 1);
			sb_putc(sb, '"');
			p = q + 1;
		}
		sb_puts(sb, p);
		sb_putc(sb, '"');
	} else {
		sb_append(sb, s, n);
	}
	sb_putc(sb, ';');
}

void csv_cell_int(strbuf *sb, long long v)
{
	sb_printf(sb, "%lld;", v);
}

void csv_end_row(strbuf *sb)
{
	if (sb->len > 0 && sb->data[sb->len - 1] == ';') {
		sb->data[sb->len - 1] = '\r';
		sb_putc(sb, '\n');
	} else {
		sb_append(sb, "\r\n", 2);
	}
}
