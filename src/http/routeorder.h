/*
 * routeorder.h: the order in which Kore tries the routes (see
 * routeorder.c).
 */
#ifndef ETHICA_HTTP_ROUTEORDER_H
#define ETHICA_HTTP_ROUTEORDER_H

struct http_request;
struct kore_module_handle;

/* Counts req's route as used; now and then moves it one place ahead of
 * its predecessor when no path can match both. */
void	routeorder_hit(struct http_request *req);

/* 1 when some path may match both routes (conservative: 1 unless it is
 * certain that none does), 0 when none can. */
int	routeorder_overlap(const struct kore_module_handle *a,
	    const struct kore_module_handle *b);

#endif
