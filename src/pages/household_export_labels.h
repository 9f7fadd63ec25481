/*
 * household_export_labels.h — Dutch column names for the household export's HTML.
 */
#ifndef KR_HOUSEHOLD_EXPORT_LABELS_H
#define KR_HOUSEHOLD_EXPORT_LABELS_H

/* The Dutch label of a column of the export; the column itself when it has none. */
const char *export_column_label(const char *column);

/* As export_column_label, for a column of a safety plan item of list `part`
 * ("afspraak", "netwerk", …): the free columns a..e are named per list. */
const char *export_item_column_label(const char *part, const char *column);

#endif
