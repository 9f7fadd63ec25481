/*
 * case_parts.h — TEMPORARY STAND-IN written by the safetyplan helper against the
 * contract in CASE-PARTS-CONTRACT.md; replaced wholesale by the caseteam branch's
 * file at merge. Named parts of a case and the one function deciding need-to-know.
 */
#ifndef KR_CASE_PARTS_H
#define KR_CASE_PARTS_H

#include "server/request.h"
#include "server/router.h"

#include <stdint.h>

enum case_part {
	PART_BASIS = 1u << 0,
	PART_GEZIN = 1u << 1,
	PART_VOORWAARDEN = 1u << 2,
	PART_PLAN_ZORGEN = 1u << 3,
	PART_PLAN_GOED = 1u << 4,
	PART_PLAN_DOELEN = 1u << 5,
	PART_PLAN_AFSPRAKEN = 1u << 6,
	PART_PLAN_NETWERK = 1u << 7,
	PART_PLAN_SIGNALEN = 1u << 8,
	PART_PLAN_TOEZICHT = 1u << 9,
	PART_PLAN_SCHAAL = 1u << 10,
	PART_JOURNAAL = 1u << 11,
	PART_OVERDRACHT = 1u << 12,
};
#define PART_PLAN_ALL (PART_PLAN_ZORGEN | PART_PLAN_GOED | PART_PLAN_DOELEN | \
	PART_PLAN_AFSPRAKEN | PART_PLAN_NETWERK | PART_PLAN_SIGNALEN | PART_PLAN_TOEZICHT | \
	PART_PLAN_SCHAAL)
#define PART_ALL ((1u << 13) - 1)
#define PART_PARTNER_DEFAULT (PART_BASIS | PART_PLAN_SIGNALEN)

unsigned case_parts_of(const request *rq, int64_t case_id);
const char *case_part_label(unsigned part);
const char *case_part_code(unsigned part);
unsigned case_part_from_code(const char *code);

/* stand-in for access.c's helper of the contract */
access_result access_case_part(request *rq, unsigned any_of_parts);

#endif
