/*
 * route_params.h: the repeated parameters of the Kore routes, counted
 * from the domain's limits. Kore drops every parameter that no "validate"
 * line of its route names, without a word; so a route file writes a
 * repeated field once with a marker, and `ethica serve` writes it out
 * once per index the domain accepts:
 *
 *	validate	c@CRITERION@_a@ANCHOR@	v_line
 *
 * @CRITERION@	0 .. CALL_MAX_CRITERIA - 1 (rubric criteria, review scores)
 * @ANCHOR@	1 .. CRIT_NANCHORS (the anchors of a criterion's scale)
 * @DECISION@	0 .. CALL_NDECISIONS - 1 (decision mail templates)
 * @QUESTION@	1 .. QUIZ_MAX_QUESTIONS (a quiz attempt's answers)
 */
#ifndef ETHICA_ROUTE_PARAMS_H
#define ETHICA_ROUTE_PARAMS_H

struct buf;

/*
 * Appends in (route file text) to out, each line that holds markers
 * (comment lines aside)
 * written once per index of each (a line with two markers once per
 * pair, the first marker's index varying slowest) with the markers
 * replaced by the index. Returns 0, or -1 when a line names a marker
 * not listed above (*bad then points at it, in in; out holds the lines
 * before it). Linear in the size of what it writes.
 */
int	route_params_expand(struct buf *out, const char *in,
	    const char **bad);

#endif
