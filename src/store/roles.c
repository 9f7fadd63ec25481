/*
 * roles.c — role names and labels (see roles.h).
 */
#include "store/roles.h"

#include <string.h>

static const struct {
	unsigned bit;
	const char *name;
	const char *label;
} roles[ROLE_COUNT] = {
	{ROLE_VT, "vt", "Veilig Thuis medewerker"},
	{ROLE_TEAMLEIDER, "teamleider", "Teamleider"},
	{ROLE_PROFESSIONAL, "professional", "Professional"},
	{ROLE_PARTNER, "partner", "Ketenpartner-professional"},
	{ROLE_SECRETARIS, "secretaris", "Leertafel secretaris"},
	{ROLE_LEERTAFELLID, "leertafellid", "Leertafel lid"},
	{ROLE_BELEID, "beleid", "Beleid"},
	{ROLE_BEHEERDER, "beheerder", "Functioneel beheerder"},
	{ROLE_PRIVACY, "privacy", "Privacyfunctionaris"},
};

const char *const role_names[] = {"vt", "teamleider", "professional", "partner", "secretaris",
                                  "leertafellid", "beleid", "beheerder", "privacy", NULL};

bool role_combination_allowed(unsigned held)
{
	return !((held & (ROLE_BEHEERDER | ROLE_PRIVACY)) && (held & CLIENT_DATA_ROLES));
}

const char *role_name(unsigned role)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (roles[i].bit == role)
			return roles[i].name;
	return NULL;
}

const char *role_label(unsigned role)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (roles[i].bit == role)
			return roles[i].label;
	return NULL;
}

unsigned role_from_name(const char *name)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (strcmp(roles[i].name, name) == 0)
			return roles[i].bit;
	return 0;
}

unsigned role_at(int i)
{
	return (i >= 0 && i < ROLE_COUNT) ? roles[i].bit : 0;
}
