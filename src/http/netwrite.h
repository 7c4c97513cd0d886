/*
 * netwrite.h: the socket write of plain-TCP connections (see netwrite.c).
 */
#ifndef ETHICA_HTTP_NETWRITE_H
#define ETHICA_HTTP_NETWRITE_H

struct connection;

/* Has c send with netwrite's write from now on; TLS connections (Kore's
 * own TLS write) are left as they are. */
void	netwrite_use(struct connection *c);

#endif
