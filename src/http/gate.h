/*
 * gate.h: the one opening of every handler that takes a form or serves
 * only signed-in users: the method, then a POST's CSRF token, then who
 * may come, in that order. Kept out of ctx.c so that
 * scripts/check-code.sh (rule 7, which reads every src/http file but
 * ctx.c) sees that a handler calling it checks the token. Public GET
 * pages open with ctx_method() alone.
 */
#ifndef ETHICA_GATE_H
#define ETHICA_GATE_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

/* Who a handler serves. */
enum gate_who {
	GATE_ANYONE,		/* anonymous visitors too */
	GATE_USER,		/* a signed-in user */
	GATE_CHAIR		/* a user who may chair calls (ACT_CALL_CHAIR) */
};

/*
 * Opens a handler: 1 when the method is one of methods (CTX_GET,
 * CTX_POST), a POST's form is read with a good CSRF token, and the
 * visitor is one who serves; else 0 with the response sent, checked in
 * that order: the 405 page, the 413 or 403 page, the redirect to /login
 * (an anonymous visitor where a user is needed), the 403 page (a user
 * who may not chair, for GATE_CHAIR).
 */
int	gate(struct ctx *, int methods, enum gate_who who);
/*
 * gate(), then the id after prefix in the path ("/chair/cases/" for
 * "/chair/cases/12/decide", hc_path_id()): the id, or 0 with the
 * response sent (the 404 page when the path holds none).
 */
int64_t	gate_id(struct ctx *, int methods, enum gate_who who,
	    const char *prefix);
/* gate() for a form that carries files: a POST body may be max_body
 * bytes (CTX_FORM_MAX for gate()). */
int	gate_upload(struct ctx *, int methods, enum gate_who who,
	    size_t max_body);

#endif
