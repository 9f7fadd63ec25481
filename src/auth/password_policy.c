/*
 * password_policy.c — the rules for new passwords (see password_policy.h).
 *
 * Works on code points, lower-cased for ASCII, in fixed buffers on the stack.
 * Messages are static Dutch strings that never repeat any part of the password.
 */
#include "auth/password_policy.h"

#include "demo/demo.h"
#include "util/embedded.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { CP_MAX = 256, WORDS_MAX = 64 };

typedef struct cptext {
	uint32_t c[CP_MAX];
	size_t n;
} cptext;

static const char **common;
static size_t common_count;

static int cmp_ci(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

bool password_policy_init(void)
{
	if (common)
		return common_count > 0;
	const embedded_file *f = embedded_find(&embedded_data, "common-passwords.txt");
	if (!f)
		return false;
	/* One password per line; the embedded data is immutable, so copy it once. */
	char *text = malloc(f->len + 1);
	if (!text)
		abort();
	memcpy(text, f->data, f->len + 1);
	size_t lines = 1;
	for (size_t i = 0; i < f->len; i++)
		lines += text[i] == '\n';
	common = calloc(lines, sizeof *common);
	if (!common)
		abort();
	char *save = NULL;
	for (char *t = strtok_r(text, "\r\n", &save); t; t = strtok_r(NULL, "\r\n", &save))
		if (*t && *t != '#')
			common[common_count++] = t;
	qsort(common, common_count, sizeof *common, cmp_ci);
	return common_count > 0;
}

unsigned long password_policy_common_count(void)
{
	return (unsigned long)common_count;
}

static bool is_common(const char *s)
{
	return common_count && bsearch(&s, common, common_count, sizeof *common, cmp_ci) != NULL;
}

static uint32_t lower(uint32_t c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Letters and digits of any script: ASCII alphanumerics and everything non-ASCII. */
static bool is_wordchar(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Decode s into lower-cased code points; `squash` keeps only word characters. */
static void decode(const char *s, cptext *out, bool squash)
{
	out->n = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i < len && out->n < CP_MAX;) {
		uint32_t c;
		i += utf8_decode(s + i, len - i, &c);
		c = lower(c);
		if (!squash || is_wordchar(c))
			out->c[out->n++] = c;
	}
}

static const char *const keyboard_rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"};

/* b follows a predictably: the same, the next or previous letter or digit, or
 * its neighbour on a keyboard row. */
static bool follows(uint32_t a, uint32_t b)
{
	if (a == b)
		return true;
	bool letters = a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z';
	bool digits = a >= '0' && a <= '9' && b >= '0' && b <= '9';
	if ((letters || digits) && (a + 1 == b || b + 1 == a))
		return true;
	if (a == 0 || b == 0 || a >= 0x80 || b >= 0x80)
		return false; /* strchr would find NUL as the row's end */
	for (size_t r = 0; r < sizeof keyboard_rows / sizeof keyboard_rows[0]; r++) {
		const char *pa = strchr(keyboard_rows[r], (int)a), *pb = strchr(keyboard_rows[r], (int)b);
		if (pa && pb && (pa + 1 == pb || pb + 1 == pa))
			return true;
	}
	return false;
}

static bool predictable_cp(const uint32_t *c, size_t n)
{
	if (n == 0)
		return true;
	/* one piece repeated: abcabcabc, welkomwelkom */
	for (size_t p = 1; p <= n / 2; p++) {
		if (n % p)
			continue;
		size_t i = p;
		while (i < n && c[i] == c[i - p])
			i++;
		if (i == n)
			return true;
	}
	/* count the characters that do not follow from the one before */
	size_t starts = 1;
	for (size_t i = 1; i < n; i++)
		starts += !follows(c[i - 1], c[i]);
	size_t allowed = n / 4 > 2 ? n / 4 : 2;
	return starts <= allowed;
}

bool password_policy_predictable(const char *text)
{
	cptext t;
	decode(text, &t, false);
	return predictable_cp(t.c, t.n);
}

static bool is_ascii_letter(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* The word left when leading and trailing ASCII digits, spaces and symbols are
 * removed, into buf (NUL-terminated). */
static void base_word(const char *pw, char *buf, size_t cap)
{
	size_t len = strlen(pw), start = 0, end = len;
	while (start < end && (unsigned char)pw[start] < 0x80 && !is_ascii_letter(pw[start]))
		start++;
	while (end > start && (unsigned char)pw[end - 1] < 0x80 && !is_ascii_letter(pw[end - 1]))
		end--;
	size_t n = end - start < cap - 1 ? end - start : cap - 1;
	memcpy(buf, pw + start, n);
	buf[n] = '\0';
}

/* Where a context word comes from; the message names it. */
typedef enum { FROM_USERNAME, FROM_NAME, FROM_ORGANISATION, FROM_PRODUCT } word_source;

static const char *const context_messages[] = {
	[FROM_USERNAME] = "Dit wachtwoord is te veel gebaseerd op uw gebruikersnaam. Zonder uw gebruikersnaam moeten "
	                  "er nog minstens 8 tekens overblijven die niet voorspelbaar zijn.",
	[FROM_NAME] = "Dit wachtwoord is te veel gebaseerd op uw naam. Zonder uw naam moeten er nog minstens 8 "
	              "tekens overblijven die niet voorspelbaar zijn.",
	[FROM_ORGANISATION] = "Dit wachtwoord is te veel gebaseerd op de naam van uw organisatie. Zonder die naam "
	                      "moeten er nog minstens 8 tekens overblijven die niet voorspelbaar zijn.",
	[FROM_PRODUCT] = "Dit wachtwoord is te veel gebaseerd op ‘ketenregie’ of ‘Veilig Thuis’. Zonder die woorden "
	                 "moeten er nog minstens 8 tekens overblijven die niet voorspelbaar zijn.",
};

typedef struct context_word {
	cptext text;
	word_source from;
} context_word;

typedef struct word_list {
	context_word w[WORDS_MAX];
	size_t n;
} word_list;

static void add_word(word_list *l, const uint32_t *c, size_t n, word_source from)
{
	if (n < 4 || l->n == WORDS_MAX)
		return; /* short pieces (initials, "de", "vt") would refuse far too much */
	context_word *w = &l->w[l->n++];
	memcpy(w->text.c, c, n * sizeof *c);
	w->text.n = n;
	w->from = from;
}

/* The whole value without spaces and punctuation, and each of its words. */
static void add_words_of(word_list *l, const char *value, word_source from)
{
	if (!value || !*value)
		return;
	cptext all;
	decode(value, &all, false);
	cptext squashed = {.n = 0};
	size_t word_start = 0, word_len = 0;
	for (size_t i = 0; i <= all.n; i++) {
		bool in_word = i < all.n && is_wordchar(all.c[i]);
		if (in_word) {
			squashed.c[squashed.n++] = all.c[i];
			if (word_len++ == 0)
				word_start = squashed.n - 1;
		} else if (word_len) {
			add_word(l, squashed.c + word_start, word_len, from);
			word_len = 0;
		}
	}
	add_word(l, squashed.c, squashed.n, from);
}

/* Remove every context word from the squashed password, longest match first.
 * Returns the source of the first word removed, or -1 when none occurs. */
static int strip_context(const cptext *pw, const word_list *l, cptext *rest)
{
	int first = -1;
	rest->n = 0;
	for (size_t i = 0; i < pw->n;) {
		const context_word *best = NULL;
		for (size_t k = 0; k < l->n; k++) {
			const cptext *t = &l->w[k].text;
			if (t->n <= pw->n - i && memcmp(pw->c + i, t->c, t->n * sizeof *t->c) == 0 &&
			    (!best || t->n > best->text.n))
				best = &l->w[k];
		}
		if (best) {
			if (first < 0)
				first = (int)best->from;
			i += best->text.n;
		} else {
			rest->c[rest->n++] = pw->c[i++];
		}
	}
	return first;
}

static const char *context_error(const char *pw, const password_context *ctx)
{
	word_list *l = calloc(1, sizeof *l);
	if (!l)
		abort();
	add_words_of(l, "ketenregie", FROM_PRODUCT);
	add_words_of(l, "Veilig Thuis", FROM_PRODUCT);
	if (ctx) {
		add_words_of(l, ctx->username, FROM_USERNAME);
		add_words_of(l, ctx->name, FROM_NAME);
		add_words_of(l, ctx->organisation, FROM_ORGANISATION);
	}
	cptext squashed, rest;
	decode(pw, &squashed, true);
	int from = strip_context(&squashed, l, &rest);
	free(l);
	if (from < 0)
		return NULL;
	if (rest.n < PASSWORD_MIN_CHARS || predictable_cp(rest.c, rest.n))
		return context_messages[from];
	return NULL;
}

const char *password_policy_error(const char *pw, const password_context *ctx)
{
	size_t bytes = strlen(pw);
	if (!utf8_valid(pw, bytes))
		return "Het wachtwoord bevat ongeldige tekens.";
	size_t chars = utf8_chars(pw, bytes);
	if (chars < PASSWORD_MIN_CHARS)
		return "Kies een wachtwoord van minstens 8 tekens.";
	if (chars > PASSWORD_MAX_CHARS)
		return "Kies een wachtwoord van ten hoogste 128 tekens.";
	if (strcasecmp(pw, DEMO_PASSWORD) == 0)
		return "Dit is het openbare wachtwoord van de demo-omgeving. Kies een ander wachtwoord.";
	if (password_policy_predictable(pw))
		return "Dit wachtwoord bestaat uit herhaalde of opeenvolgende tekens (zoals aaaaaaaa, 12345678 of "
		       "qwertyui) en is daardoor makkelijk te raden. Kies een minder voorspelbaar wachtwoord.";
	if (is_common(pw))
		return "Dit wachtwoord staat in de lijst van de 10.000 meest gebruikte wachtwoorden. Kies een ander "
		       "wachtwoord.";
	const char *context = context_error(pw, ctx);
	if (context)
		return context;
	char base[4 * PASSWORD_MAX_CHARS + 1];
	base_word(pw, base, sizeof base);
	if (strlen(base) >= 3 && strlen(base) < bytes && is_common(base))
		return "Dit wachtwoord is een veelgebruikt wachtwoord met alleen cijfers of tekens ervoor of erachter "
		       "(zoals Welkom2026!). Kies een ander wachtwoord.";
	return NULL;
}
