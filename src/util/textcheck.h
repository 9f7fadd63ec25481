/*
 * textcheck.h — warnings for free text that must not contain client data.
 *
 * Fields such as learning-table notes or handover summaries are meant to be
 * anonymous. These checks spot the two most common slips — a BSN and a date
 * of birth — so that the form can warn before saving. They are heuristics
 * for a warning, not a guarantee and not a block. They never modify the text.
 */
#ifndef KR_TEXTCHECK_H
#define KR_TEXTCHECK_H

#include "util/date.h"

#include <stdbool.h>

/*
 * True when nine_digits is exactly nine ASCII digits (then NUL) that pass
 * the elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11, and not
 * all digits are zero. NULL gives false.
 */
bool kr_bsn_valid(const char *nine_digits);

/*
 * True when s contains a possible BSN that passes the elfproef, written as
 *   - a run of exactly nine ASCII digits (not part of a longer digit run), or
 *   - three groups 3-3-3 ("123.456.782", "123 456 782", "123-456-782") or
 *     4-2-3 ("1234.56.782", the notation on Dutch documents), with the same
 *     separator (dot, space or hyphen) between the groups, not part of a
 *     longer grouped number ("1.123.456.782", "06-123-456-782" are not).
 * Letters around the digits do not matter ("BSN123456782" is flagged).
 * NULL: false.
 */
bool text_has_bsn(const char *s);

/*
 * True when s contains something that reads as a date of birth. A date is a
 * valid calendar date from 1900 on, not after today, written
 *   d-m-jjjj, dd-mm-jjjj, d/m/jjjj, dd/mm/jjjj, jjjj-mm-dd, d.m.jjjj,
 *   dd.mm.jjjj, or with a Dutch month name: "12 maart 2015", "12 mrt. 2015",
 * not glued to more digits. Such a date counts as a date of birth when
 *   - a birth word stands shortly before it (within 40 bytes): "geboren",
 *     "geboorte…" (geboortedatum), "gebdat…", or "geb" as a word ("geb.",
 *     "geb:"), whatever the form of the date; or
 *   - without a birth word, when it lies more than a year before today and
 *     is written with dashes, slashes or a month name. Dotted dates without
 *     a birth word never count ("versie 1.2.2020").
 * So appointments ("volgende bijeenkomst op 10-12-2026") and recent dates do
 * not warn; a birth date less than a year ago is only caught with a birth
 * word. NULL: false.
 */
bool text_has_birthdate(const char *s);

/* As text_has_birthdate(), with today given explicitly. */
bool text_has_birthdate_on(const char *s, kr_date today);

/* As text_has_birthdate(), with today taken as 31 December of last_year. */
bool text_has_birthdate_until(const char *s, int last_year);

#endif
