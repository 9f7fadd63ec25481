/*
 * form.h — parsing of application/x-www-form-urlencoded bodies and query strings,
 * and validation of declared form fields.
 *
 * Parsing refuses NUL bytes, invalid UTF-8, too many fields and over-long values
 * before any handler sees them. Validation applies a route's declared fields
 * (type, required, length) and collects Dutch messages per field; handlers add
 * their own domain messages with form_add_error() and show the form again with
 * the submitted values when form_has_errors().
 */
#ifndef KR_FORM_H
#define KR_FORM_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct form_field {
	const char *name;
	const char *value; /* decoded, NUL-terminated, valid UTF-8 */
	size_t len;
} form_field;

typedef enum {
	FORM_OK = 0,
	FORM_BAD_ENCODING, /* malformed %xx, NUL byte or invalid UTF-8 */
	FORM_TOO_MANY,     /* more fields than allowed */
	FORM_TOO_LONG,     /* a name or value longer than allowed */
} form_status;

typedef struct form_limits {
	size_t max_fields;
	size_t max_value; /* bytes per decoded value */
} form_limits;

/* Parse s[0..n) ('&'-separated name=value pairs, '+' is space). On FORM_OK *out
 * and *count describe arena-owned fields in order of appearance. */
form_status form_parse(arena *a, const char *s, size_t n, const form_limits *lim,
                       form_field **out, size_t *count);

/* Field declarations for a route. */
typedef enum {
	FT_TEXT,   /* multi-line text */
	FT_LINE,   /* single line: no CR/LF */
	FT_ID,     /* positive integer id */
	FT_INT,    /* integer */
	FT_DATE,   /* YYYY-MM-DD */
	FT_CHOICE, /* one of choices[] */
	FT_TOKEN,  /* opaque token (csrf) — never shown again */
} field_type;

typedef struct field_spec {
	const char *name;
	field_type type;
	bool required;
	unsigned max_chars; /* 0 = type default */
	bool repeated;      /* may occur more than once */
	const char *const *choices; /* FT_CHOICE: NULL-terminated */
	const char *label;  /* Dutch name for the error summary ("Gebruikersnaam") */
} field_spec;

typedef struct field_error {
	const char *name;
	const char *message;
} field_error;

typedef struct form {
	arena *a;
	const field_spec *specs; /* set by form_validate */
	form_field *fields;
	size_t count;
	field_error *errors;
	size_t nerrors, cap_errors;
} form;

/* Validate fields against specs (terminated by an entry with name NULL).
 * Undeclared fields are dropped (kept out of handlers' reach). */
void form_validate(form *f, const field_spec *specs);

/* First value of name, or NULL. */
const char *form_get(const form *f, const char *name);
/* Trimmed first value of name ("" when absent). */
const char *form_str(const form *f, const char *name);
/* All values of a repeated field (in order); returns the count, *out arena-owned. */
size_t form_all(const form *f, const char *name, const char ***out);
/* Parsed FT_ID/FT_INT value; false when absent or invalid. */
bool form_int(const form *f, const char *name, int64_t *out);

void form_add_error(form *f, const char *name, const char *message);
const char *form_error(const form *f, const char *name);
/* The declared label of a field, or NULL. */
const char *form_label(const form *f, const char *name);
bool form_has_errors(const form *f);

/* Parse a decimal positive id (1..2^53); false otherwise. */
bool parse_id(const char *s, int64_t *out);

#endif
