/*
 * password_policy.h — which new passwords are refused, and why (in Dutch).
 *
 * NIST 800-63B style: no composition rules, but a password is refused when it is
 *   - shorter than 8 or longer than 128 characters, or not valid UTF-8;
 *   - the published demo password;
 *   - predictable: one character repeated, a run of the alphabet, of digits or of
 *     a keyboard row (aaaaaaaa, 12345678, abcdefgh, qwertyui, 12121212), mostly
 *     made of such runs, or one piece repeated (welkomwelkom);
 *   - one of the 10,000 most common passwords of data/common-passwords.txt, as
 *     typed or as its base word once leading and trailing digits and symbols are
 *     removed (Welkom2026! -> welkom);
 *   - built on the context: the username, the person's name, the organisation's
 *     name, "ketenregie" or "Veilig Thuis" — refused when what is left after
 *     removing those words is shorter than 8 characters or predictable
 *     (Venlo2026 for someone of "Gemeente Venlo").
 * Comparisons ignore case (ASCII) and, for context words, spaces and punctuation.
 * Never logs or keeps the password.
 */
#ifndef KR_PASSWORD_POLICY_H
#define KR_PASSWORD_POLICY_H

#include <stdbool.h>

#define PASSWORD_MIN_CHARS 8
#define PASSWORD_MAX_CHARS 128

/* Who the password is for; every field may be NULL. */
typedef struct password_context {
	const char *username;
	const char *name;         /* the person's full name */
	const char *organisation; /* the organisation's name */
} password_context;

/* Load the common list embedded from data/. Call once at start-up; false when it
 * is missing or empty. */
bool password_policy_init(void);

/* Number of entries in the loaded common list (tests, docs). */
unsigned long password_policy_common_count(void);

/* NULL when acceptable, else a static Dutch message that says why. ctx may be NULL. */
const char *password_policy_error(const char *pw, const password_context *ctx);

/* True when the text is predictable by the rule above (exposed for unit tests). */
bool password_policy_predictable(const char *text);

#endif
