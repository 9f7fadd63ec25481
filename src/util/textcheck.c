/*
 * textcheck.c — BSN and birth-date detectors for free text (see
 * textcheck.h). Plain byte scanning over ASCII digits and letters; no
 * allocation, no state, no locale. Only today's date is read from the clock,
 * by text_has_birthdate() via kr_date_today_nl().
 */
#include "util/textcheck.h"

#include "util/date.h"

#include <stddef.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Elfproef over nine digit values. */
static bool elfproef(const int d[9])
{
	int sum = 0;
	bool nonzero = false;
	for (int i = 0; i < 9; i++) {
		int w = i < 8 ? 9 - i : -1;
		sum += w * d[i];
		if (d[i] != 0)
			nonzero = true;
	}
	return nonzero && sum % 11 == 0;
}

bool kr_bsn_valid(const char *nine_digits)
{
	if (nine_digits == NULL)
		return false;
	int d[9];
	for (int i = 0; i < 9; i++) {
		if (!is_digit(nine_digits[i]))
			return false;
		d[i] = nine_digits[i] - '0';
	}
	return nine_digits[9] == '\0' && elfproef(d);
}

/* Length of the run of digits starting at s. */
static size_t digit_run(const char *s)
{
	size_t n = 0;
	while (is_digit(s[n]))
		n++;
	return n;
}

static bool is_sep(char c)
{
	return c == '.' || c == ' ' || c == '-';
}

/*
 * Grouped form at s (s[0] starts a digit run, s[-1] is no digit): 3-3-3 or
 * 4-2-3 digits with one separator kind between the groups. start is the
 * beginning of the text, to look one group back.
 */
static bool grouped_bsn_at(const char *start, const char *s)
{
	size_t g1 = digit_run(s);
	size_t want2 = g1 == 3 ? 3 : g1 == 4 ? 2 : 0;
	if (!want2 || !is_sep(s[g1]))
		return false;
	char sep = s[g1];
	const char *p2 = s + g1 + 1;
	if (digit_run(p2) != want2 || p2[want2] != sep)
		return false;
	const char *p3 = p2 + want2 + 1;
	if (digit_run(p3) != 3)
		return false;
	const char *end = p3 + 3;
	/* Not a part of a longer grouped number: "1.123.456.782", "123 456 782 12". */
	if (s - start >= 2 && (is_sep(s[-1]) || s[-1] == '/') && is_digit(s[-2]))
		return false;
	if ((is_sep(end[0]) || end[0] == '/') && is_digit(end[1]))
		return false;
	int d[9], k = 0;
	for (const char *q = s; q < end; q++)
		if (is_digit(*q))
			d[k++] = *q - '0';
	return k == 9 && elfproef(d);
}

bool text_has_bsn(const char *s)
{
	if (s == NULL)
		return false;
	const char *p = s;
	while (*p != '\0') {
		if (!is_digit(*p)) {
			p++;
			continue;
		}
		size_t run = digit_run(p);
		if (run == 9) {
			int d[9];
			for (int i = 0; i < 9; i++)
				d[i] = p[i] - '0';
			if (elfproef(d))
				return true;
		}
		if ((run == 3 || run == 4) && grouped_bsn_at(s, p))
			return true;
		p += run;
	}
	return false;
}

/* Read a run of 1..max digits at s exactly (the run must end there). */
static bool small_number(const char *s, size_t min, size_t max, int *v, size_t *len)
{
	size_t n = digit_run(s);
	if (n < min || n > max)
		return false;
	int r = 0;
	for (size_t i = 0; i < n; i++)
		r = r * 10 + (s[i] - '0');
	*v = r;
	*len = n;
	return true;
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does s start with the lowercase word w (case-insensitive)? */
static bool starts_with_ci(const char *s, const char *w)
{
	for (; *w; s++, w++)
		if (lower(*s) != *w)
			return false;
	return true;
}

/* Dutch month name or abbreviation of exactly len letters at s: 1..12, or 0. */
static int month_name(const char *s, size_t len)
{
	static const struct {
		const char *name;
		int m;
	} names[] = {
		{"januari", 1}, {"jan", 1}, {"februari", 2}, {"feb", 2}, {"maart", 3}, {"mrt", 3},
		{"april", 4}, {"apr", 4}, {"mei", 5}, {"juni", 6}, {"jun", 6}, {"juli", 7}, {"jul", 7},
		{"augustus", 8}, {"aug", 8}, {"september", 9}, {"sep", 9}, {"sept", 9}, {"oktober", 10},
		{"okt", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == len && starts_with_ci(s, names[i].name))
			return names[i].m;
	return 0;
}

/* A birth word starting within the 40 bytes before p. */
static bool birth_word_before(const char *start, const char *p)
{
	const char *from = p - start > 40 ? p - 40 : start;
	for (const char *q = from; q < p; q++) {
		if (q > start && is_letter(q[-1]))
			continue;
		if (!starts_with_ci(q, "geb"))
			continue;
		if (!is_letter(q[3]) || starts_with_ci(q, "geboren") || starts_with_ci(q, "geboorte") ||
		    starts_with_ci(q, "gebdat"))
			return true;
	}
	return false;
}

enum date_form { DATE_NONE, DATE_PLAIN, DATE_DOTTED };

/* A date starting at digit run p (the caller made sure p[-1] is no digit). */
static enum date_form date_at(const char *p, kr_date *d)
{
	size_t a, b, c;

	/* d-m-jjjj, dd-mm-jjjj, d/m/jjjj, dd/mm/jjjj, d.m.jjjj, dd.mm.jjjj (same separator twice). */
	if (small_number(p, 1, 2, &d->d, &a)) {
		char sep = p[a];
		if ((sep == '-' || sep == '/' || sep == '.') && small_number(p + a + 1, 1, 2, &d->m, &b) &&
		    p[a + 1 + b] == sep && small_number(p + a + b + 2, 4, 4, &d->y, &c))
			return sep == '.' ? DATE_DOTTED : DATE_PLAIN;
		/* "12 maart 2015", "12 mrt. 2015" */
		const char *q = p + a;
		if (*q != ' ')
			return DATE_NONE;
		while (*q == ' ')
			q++;
		size_t len = 0;
		while (is_letter(q[len]))
			len++;
		if (!(d->m = month_name(q, len)))
			return DATE_NONE;
		q += len;
		if (*q == '.')
			q++;
		if (*q != ' ')
			return DATE_NONE;
		while (*q == ' ')
			q++;
		return small_number(q, 4, 4, &d->y, &c) ? DATE_PLAIN : DATE_NONE;
	}
	/* jjjj-mm-dd */
	if (small_number(p, 4, 4, &d->y, &a) && p[4] == '-' &&
	    small_number(p + 5, 2, 2, &d->m, &b) && p[7] == '-' &&
	    small_number(p + 8, 2, 2, &d->d, &c))
		return DATE_PLAIN;
	return DATE_NONE;
}

bool text_has_birthdate_on(const char *s, kr_date today)
{
	if (s == NULL)
		return false;
	kr_date year_ago = {today.y - 1, today.m, today.d};
	if (year_ago.d > kr_days_in_month(year_ago.y, year_ago.m))
		year_ago.d = kr_days_in_month(year_ago.y, year_ago.m);
	const char *p = s;
	while (*p != '\0') {
		if (!is_digit(*p)) {
			p++;
			continue;
		}
		kr_date d;
		enum date_form f = date_at(p, &d);
		if (f != DATE_NONE && d.y >= 1900 && kr_date_valid(d) && kr_date_cmp(d, today) <= 0) {
			if (birth_word_before(s, p))
				return true;
			if (f == DATE_PLAIN && kr_date_cmp(d, year_ago) < 0)
				return true;
		}
		p += digit_run(p);
	}
	return false;
}

bool text_has_birthdate_until(const char *s, int last_year)
{
	return text_has_birthdate_on(s, (kr_date){last_year, 12, 31});
}

bool text_has_birthdate(const char *s)
{
	return text_has_birthdate_on(s, kr_date_today_nl());
}
