/*
 * csv.h — CSV export for Dutch Excel, written into an arena strbuf.
 *
 * Output starts with the UTF-8 byte order mark (so Excel reads UTF-8), uses
 * ';' as separator (the Dutch list separator) and CRLF line ends, and quotes
 * RFC 4180 style. Text cells that Excel could read as a formula are defused
 * with a leading apostrophe. Between csv_begin() and the last csv_end_row()
 * the buffer must be written only through these functions: the writer keeps
 * no state of its own and reads the row position from the buffer.
 */
#ifndef KR_CSV_H
#define KR_CSV_H

#include "util/strbuf.h"

/* Start a CSV document: appends the UTF-8 BOM. sb must be initialised. */
void csv_begin(strbuf *sb);

/*
 * Append one text cell (UTF-8, NUL-terminated; NULL is an empty cell).
 * A cell whose first non-space character is = + - @ TAB or CR gets a
 * leading ' (formula injection); the cell is then quoted, with inner quotes
 * doubled, when it contains ; " CR or LF or starts or ends with a space or
 * TAB. Numbers that must stay numeric (also negative) go through
 * csv_cell_int().
 */
void csv_cell(strbuf *sb, const char *s);

/* Append one integer cell, unquoted and without formula prefix. */
void csv_cell_int(strbuf *sb, long long v);

/* End the current row with CRLF. A row without cells becomes an empty line. */
void csv_end_row(strbuf *sb);

#endif
