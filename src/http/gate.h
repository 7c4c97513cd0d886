/*
 * gate.h: the one check every signed-in action opens with: POST only,
 * the form read and its CSRF token checked, a signed-in user. Kept out
 * of ctx.c so that scripts/check-code.sh (rule 7, which reads every
 * src/http file but ctx.c) sees that a handler calling it checks the
 * token.
 */
#ifndef ETHICA_GATE_H
#define ETHICA_GATE_H

struct ctx;

/* For a signed-in action: 1 when the request is a POST with a good CSRF
 * token from a signed-in user; else 0, with the response sent (405 page,
 * 403 or 413 page, or the redirect to /login), in that order. */
int	gate_post_user(struct ctx *);

#endif
