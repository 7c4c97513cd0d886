/*
 * h_cases.h: what the case library's pages (h_cases.c) share with the
 * pages that list cases too (home, principles and the other topics).
 */
#ifndef ETHICA_H_CASES_H
#define ETHICA_H_CASES_H

#include "web/tmpl.h"

/* A case in a list as it is: slug, title, summary, text_lang,
 * organisation, year, example (tv_fields() of struct case_list_row). */
extern const struct tv_field	case_card_fields[];

#endif
