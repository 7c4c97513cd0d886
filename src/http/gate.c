/*
 * gate.c: the opening checks of a handler (see gate.h). The domain still
 * checks every action's authorisation; the gate only turns away early
 * those who could never pass, with the page each one needs.
 */

#include "domain/policy.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"

int
gate(struct ctx *c, int methods, enum gate_who who)
{
	return (gate_upload(c, methods, who, CTX_FORM_MAX));
}

int64_t
gate_id(struct ctx *c, int methods, enum gate_who who, const char *prefix)
{
	int64_t	id;

	if (!gate(c, methods, who))
		return (0);
	if ((id = hc_path_id(c, prefix)) == 0)
		ctx_error(c, 404);
	return (id);
}

int
gate_upload(struct ctx *c, int methods, enum gate_who who, size_t max_body)
{
	if (!ctx_method(c, methods))
		return (0);
	if (c->is_post && !ctx_post_upload(c, max_body))
		return (0);
	if (who == GATE_ANYONE)
		return (1);
	if (!ctx_require_user(c))
		return (0);
	if (who == GATE_CHAIR && !policy_can(c->user, ACT_CALL_CHAIR)) {
		ctx_error(c, 403);
		return (0);
	}
	return (1);
}
