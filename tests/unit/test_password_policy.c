/*
 * test_password_policy.c — the rules for new passwords: length, the demo password,
 * repeated and sequential characters, the 10,000 common passwords (as typed and as
 * base word), and words of the context; each refusal with the message that says why.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "auth/password_policy.h"
#include "demo/demo.h"

static int setup(void **state)
{
	(void)state;
	return !password_policy_init();
}

/* The message for pw contains `why` (a word that names the rule). */
static void refused_for(const char *pw, const password_context *ctx, const char *why)
{
	const char *msg = password_policy_error(pw, ctx);
	if (!msg)
		fail_msg("accepted: %s", pw);
	if (!strstr(msg, why))
		fail_msg("%s refused with \"%s\", expected a message about \"%s\"", pw, msg, why);
}

static void accepted(const char *pw, const password_context *ctx)
{
	const char *msg = password_policy_error(pw, ctx);
	if (msg)
		fail_msg("refused %s: %s", pw, msg);
}

static const password_context venlo = {
	.username = "m.dekker", .name = "Marieke de Vries-Dekker", .organisation = "Gemeente Venlo (demo)"};

static void test_list_is_the_ten_thousand(void **state)
{
	(void)state;
	/* 10,000 from zxcvbn plus a few Dutch base words of our own */
	assert_true(password_policy_common_count() >= 10000);
	assert_true(password_policy_common_count() < 10100);
}

static void test_length_and_encoding(void **state)
{
	(void)state;
	refused_for("kort", NULL, "minstens 8");
	refused_for("Tk9#pQ2", NULL, "minstens 8");
	char long_pw[140];
	for (size_t i = 0; i < sizeof long_pw - 1; i++)
		long_pw[i] = (char)('a' + (i * 7) % 26);
	long_pw[sizeof long_pw - 1] = '\0';
	refused_for(long_pw, NULL, "ten hoogste 128");
	refused_for("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", NULL, "ongeldige tekens");
	/* characters, not bytes: 8 two-byte characters are enough */
	accepted("çàéèêëîï", NULL);
	accepted("lange zin van woorden", NULL);
	accepted("een goede zin als wachtwoord", &venlo);
}

static void test_issue_examples(void **state)
{
	(void)state;
	/* the passwords the security test got accepted, each for its own reason */
	refused_for("aaaaaaaa", NULL, "herhaalde of opeenvolgende");
	refused_for("Welkom2026!", NULL, "veelgebruikt wachtwoord met alleen cijfers");
	refused_for("Venlo2026", &venlo, "naam van uw organisatie");
	refused_for(DEMO_PASSWORD, NULL, "demo-omgeving");
	refused_for("DEMO-KETENREGIE-2026", NULL, "demo-omgeving");
}

static void test_predictable(void **state)
{
	(void)state;
	const char *runs[] = {"aaaaaaaa", "zzzzzzzzzzzz", "12345678", "87654321", "abcdefgh", "mnopqrst",
	                      "qwertyui", "poiuytre", "asdfghjk", "12121212", "abababab", "aaaa1111",
	                      "abcd1234", "welkomwelkom", "abcabcabc", "éééééééé", "!!!!!!!!"};
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		assert_true(password_policy_predictable(runs[i]));
		refused_for(runs[i], NULL, "herhaalde of opeenvolgende");
	}
	const char *fine[] = {"Password", "tafel-stoel-38", "hond kat muis", "Zr8!kPq2"};
	for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++)
		assert_false(password_policy_predictable(fine[i]));
}

static void test_common(void **state)
{
	(void)state;
	refused_for("Password123", NULL, "10.000 meest gebruikte");
	refused_for("MONKEY12", NULL, "10.000 meest gebruikte");
	refused_for("p@ssw0rd", NULL, "10.000 meest gebruikte");
	/* base word + digits or symbols */
	refused_for("Dragon2026", NULL, "alleen cijfers of tekens");
	refused_for("2026!sunshine", NULL, "alleen cijfers of tekens");
	refused_for("Wachtwoord01!", NULL, "alleen cijfers of tekens");
	refused_for("Zomer2025", NULL, "alleen cijfers of tekens");
	/* a common word inside a longer sentence is fine */
	accepted("sunshine over de maas", NULL);
}

static void test_context(void **state)
{
	(void)state;
	refused_for("m.dekker2026", &venlo, "gebruikersnaam");
	refused_for("Dekker!1985", &venlo, "gebaseerd op uw");
	refused_for("Vries!1985", &venlo, "uw naam");
	refused_for("Marieke1985", &venlo, "uw naam");
	refused_for("gemeentevenlo12", &venlo, "organisatie");
	refused_for("Ketenregie2026!", NULL, "ketenregie");
	refused_for("VeiligThuis#2026", NULL, "Veilig Thuis");
	refused_for("veilig thuis 1234", NULL, "Veilig Thuis");
	refused_for("venlo12345678", &venlo, "organisatie");
	/* without the context, Venlo2026 is only an unusual word with a year */
	accepted("Venlo2026", NULL);
	/* enough left besides the context word */
	accepted("venlo aan de maas bij nacht", &venlo);
	/* short parts of names (initials, "de") do not refuse anything */
	accepted("de brug over de rivier", &venlo);
	/* the old rule: the username itself */
	password_context jj = {.username = "j.jansen.x"};
	refused_for("j.jansen.x", &jj, "gebruikersnaam");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_is_the_ten_thousand),
		cmocka_unit_test(test_length_and_encoding),
		cmocka_unit_test(test_issue_examples),
		cmocka_unit_test(test_predictable),
		cmocka_unit_test(test_common),
		cmocka_unit_test(test_context),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
