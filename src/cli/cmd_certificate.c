/*
 * cmd_certificate.c: the operator's certificate commands: `ethica keys
 * list|rotate` (the Ed25519 signing keys kept in the database) and
 * `ethica certificate issue EMAIL COURSE_SLUG` (issue the certificate of
 * a course, as the completion hook would; for support and tests). Never
 * prints secret keys.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/certificate.h"
#include "domain/keys.h"
#include "lib/mem.h"
#include "store/store.h"

static int	keys_print(struct dctx *);

static int
keys_print(struct dctx *dc)
{
	struct signing_key	*keys;
	size_t			 i, n;

	if (keys_list(dc, &keys, &n) != RES_OK)
		return (cli_err("cannot read the keys"));
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\n", keys[i].kid, keys[i].active ?
		    "active" : "retired", certificate_iso_date(dc,
		    keys[i].created_at));
	return (0);
}

int
cmd_keys(struct opts *o, int argc, char **argv)
{
	struct dctx		dc;
	struct signing_key	k;
	int			rc = 1;

	if (argc != 2 || (strcmp(argv[1], "list") != 0 &&
	    strcmp(argv[1], "rotate") != 0))
		return (cli_err("usage: ethica keys list|rotate"));
	if (cli_open(o, &dc) == -1)
		return (1);
	if (strcmp(argv[1], "rotate") == 0) {
		if (keys_rotate(&dc, &k) != RES_OK) {
			(void)cli_err("key rotation failed");
			goto out;
		}
		printf("new active key %s; older keys stay published\n",
		    k.kid);
		rc = 0;
	} else {
		/* Listing makes the first key when there is none. */
		if (keys_active(&dc, &k) != RES_OK) {
			(void)cli_err("cannot read the keys");
			goto out;
		}
		rc = keys_print(&dc);
	}
out:
	cli_close(&dc);
	return (rc);
}

int
cmd_certificate(struct opts *o, int argc, char **argv)
{
	struct dctx		dc;
	struct user_row		u;
	struct certificate	cert;
	enum result		r;
	int			rc = 1;

	if (argc != 4 || strcmp(argv[1], "issue") != 0)
		return (cli_err("usage: ethica certificate issue EMAIL "
		    "COURSE_SLUG"));
	if (cli_open(o, &dc) == -1)
		return (1);
	memset(&u, 0, sizeof(u));
	if (store_user_by_email(dc.db, dc.a, argv[2], &u) != STORE_OK) {
		(void)cli_err("no account %s", argv[2]);
		goto out;
	}
	r = certificate_issue_course(&dc, u.id, argv[3], &cert);
	if (r == RES_NOT_FOUND) {
		(void)cli_err("no course %s", argv[3]);
		goto out;
	}
	if (r == RES_CONFLICT) {
		(void)cli_err("%s has not completed the course %s", argv[2],
		    argv[3]);
		goto out;
	}
	if (r != RES_OK) {
		(void)cli_err("the certificate could not be issued");
		goto out;
	}
	printf("%s\n", cert.url);
	rc = 0;
out:
	cli_close(&dc);
	return (rc);
}
