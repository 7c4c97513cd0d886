/*
 * app.h: the state of one Kore worker: its database connection, the
 * parsed templates, static files, and the settings `ethica serve` passed
 * in the environment. Set up once in kore_worker_configure().
 */
#ifndef ETHICA_APP_H
#define ETHICA_APP_H

#include <stddef.h>
#include <stdint.h>

#include "domain/crypto.h"

struct db;
struct tmpl_set;

struct static_file {
	char		*name;		/* "style.css" */
	char		*url;		/* "/static/style.1a2b3c4d5e.css" */
	char		*data;
	size_t		 len;
	const char	*type;
	char		*gz;		/* data as one gzip member, or NULL */
	size_t		 gzlen;
};

struct app {
	struct db		*db;
	struct tmpl_set		*tmpl;
	char			*share;		/* templates, static, po, ... */
	char			*data;		/* DATA dir */
	char			*public_url;	/* no trailing slash */
	int			 secure;	/* public URL is https */
	int			 trust_proxy;	/* X-Forwarded-For */
	struct hmac_key		 csrf_key;	/* keyed once per worker */
	char			 worker_name[64];
	struct static_file	*statics;
	size_t			 nstatics;
};

extern struct app app;

/* The URL of a static file by its name, or "" when unknown. */
const char	*app_static_url(const char *name);
/* The static file for a fingerprinted URL path, or NULL. */
const struct static_file *app_static_find(const char *path);

#endif
