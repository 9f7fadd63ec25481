/*
 * textcheck.h — warnings for free text that must not contain client data.
 *
 * Fields such as learning-table notes or handover summaries are meant to be
 * anonymous. These checks spot the two most common slips — a BSN and a date
 * of birth — so that the form can warn before saving. They are heuristics
 * for a warning, not a guarantee and not a block: they miss BSNs written
 * with spaces and they flag ordinary dates too. They never modify the text.
 */
#ifndef KR_TEXTCHECK_H
#define KR_TEXTCHECK_H

#include <stdbool.h>

/*
 * True when nine_digits is exactly nine ASCII digits (then NUL) that pass
 * the elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11, and not
 * all digits are zero. NULL gives false.
 */
bool kr_bsn_valid(const char *nine_digits);

/*
 * True when s contains a possible BSN that passes the elfproef: either a
 * run of exactly nine ASCII digits (not part of a longer digit run), or the
 * dotted form ddd.ddd.ddd not part of a longer dotted number. Letters
 * around the digits do not matter ("BSN123456782" is flagged). NULL: false.
 */
bool text_has_bsn(const char *s);

/*
 * True when s contains something that reads as a date of birth: a valid
 * calendar date with year 1900..the current UTC year, written d-m-jjjj,
 * dd-mm-jjjj, d/m/jjjj, dd/mm/jjjj or jjjj-mm-dd, not glued to more digits.
 * Any such date counts — the text cannot tell a birth date from an
 * appointment, so recent dates are flagged as well. NULL: false.
 */
bool text_has_birthdate(const char *s);

/* As text_has_birthdate(), with the latest year counted given explicitly. */
bool text_has_birthdate_until(const char *s, int last_year);

#endif
