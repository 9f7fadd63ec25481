/*
 * textcheck.c — BSN and birth-date detectors for free text (see
 * textcheck.h). Plain byte scanning over ASCII digits; no allocation, no
 * state, no locale. Only the current year is read from the clock, by
 * text_has_birthdate() via kr_date_today_utc().
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

/*
 * Dotted form "ddd.ddd.ddd" at s (s[0] is the first digit of a run of three).
 * start is the beginning of the text, to look one group back.
 */
static bool dotted_bsn_at(const char *start, const char *s)
{
	int d[9];
	for (int g = 0; g < 3; g++) {
		const char *p = s + g * 4;
		if (digit_run(p) != 3)
			return false;
		if (g < 2 && p[3] != '.')
			return false;
		for (int i = 0; i < 3; i++)
			d[g * 3 + i] = p[i] - '0';
	}
	/* Not a part of a longer dotted number: "1.234.567.890" or "123.456.782.1". */
	if (s - start >= 2 && s[-1] == '.' && is_digit(s[-2]))
		return false;
	if (s[11] == '.' && is_digit(s[12]))
		return false;
	return elfproef(d);
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
		if (run == 3 && dotted_bsn_at(s, p))
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

static bool plausible(kr_date d, int last_year)
{
	return d.y >= 1900 && d.y <= last_year && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	       d.d <= kr_days_in_month(d.y, d.m);
}

/* A date starting at digit run p (the caller made sure p[-1] is no digit). */
static bool date_at(const char *p, int last_year)
{
	kr_date d;
	size_t a, b, c;

	/* d-m-jjjj, dd-mm-jjjj, d/m/jjjj, dd/mm/jjjj (same separator twice). */
	if (small_number(p, 1, 2, &d.d, &a)) {
		char sep = p[a];
		if ((sep == '-' || sep == '/') && small_number(p + a + 1, 1, 2, &d.m, &b) &&
		    p[a + 1 + b] == sep && small_number(p + a + b + 2, 4, 4, &d.y, &c))
			return plausible(d, last_year);
		return false;
	}
	/* jjjj-mm-dd */
	if (small_number(p, 4, 4, &d.y, &a) && p[4] == '-' &&
	    small_number(p + 5, 2, 2, &d.m, &b) && p[7] == '-' &&
	    small_number(p + 8, 2, 2, &d.d, &c))
		return plausible(d, last_year);
	return false;
}

bool text_has_birthdate_until(const char *s, int last_year)
{
	if (s == NULL)
		return false;
	const char *p = s;
	while (*p != '\0') {
		if (!is_digit(*p)) {
			p++;
			continue;
		}
		if (date_at(p, last_year))
			return true;
		p += digit_run(p);
	}
	return false;
}

bool text_has_birthdate(const char *s)
{
	return text_has_birthdate_until(s, kr_date_today_utc().y);
}
