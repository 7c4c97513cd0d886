/*
 * gate.c: the opening check of a signed-in action (see gate.h).
 */
#include "http/ctx.h"
#include "http/gate.h"

int
gate_post_user(struct ctx *c)
{
	return (ctx_method(c, CTX_POST) && ctx_post(c) &&
	    ctx_require_user(c));
}
