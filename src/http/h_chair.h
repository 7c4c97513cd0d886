/*
 * h_chair.h: helpers shared by the chair's pages (h_chair.c and the
 * h_chair_*.c files, one per thing a chair does).
 */
#ifndef ETHICA_H_CHAIR_H
#define ETHICA_H_CHAIR_H

#include <stdint.h>

#include "web/tmpl.h"

struct call;
struct ctx;

/* A reviewer as the chair's pages show one: id, name, email,
 * organisation, load (tv_rows() of struct person_row). */
extern const struct tv_field	chair_person_fields[];

/* Loads call id into call and the view's "call"; 0 (the page is sent) on
 * failure. */
int		 chair_call_load(struct ctx *, int64_t id, struct call *call);
/* Starts a page about one call (/chair/calls/ID/...): gate(c, methods,
 * GATE_CHAIR), then the id into *id and chair_call_load(). 0 when the
 * page is sent. */
int		 chair_call_page(struct ctx *, int methods, int64_t *id,
		    struct call *call);
/* The translated label of key in fairness dimension d (FAIR_*). */
const char	*chair_group_label(struct ctx *, int d, const char *key);

#endif
