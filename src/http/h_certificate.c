/*
 * h_certificate.c: the certificate pages and the documents verifiers
 * fetch: the public page /certificates/ID (signature checked on the
 * server), the printable page with its QR code, the credential
 * /certificates/ID.jwt, revocation by a course admin, the issuer profile
 * /issuer, the keys /.well-known/jwks.json and the status list
 * /certificates/status-list. The machine-readable ones allow any origin
 * to GET them (CORS), since verifiers run anywhere.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/certificate.h"
#include "domain/keys.h"
#include "domain/policy.h"
#include "domain/qr.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

#define CERT_PREFIX	"/certificates/"

int	page_certificate(struct http_request *);
int	page_cert_print(struct http_request *);
int	page_cert_jwt(struct http_request *);
int	page_cert_revoke(struct http_request *);
int	page_cert_unknown(struct http_request *);
int	page_cert_status_list(struct http_request *);
int	page_issuer(struct http_request *);
int	page_jwks(struct http_request *);

static const char *slug_of(struct ctx *, const char *suffix);
static void	 cert_view(struct ctx *, const struct certificate *);
static const char *date_of(struct ctx *, int64_t);
static void	 send_doc(struct ctx *, const char *type, const char *body,
		    const char *cache);
static int	 cert_load(struct ctx *, const char *suffix,
		    struct certificate *);
static void	 cert_missing(struct ctx *);
static int	 cert_page(struct http_request *, const char *, int);
static int	 doc_page(struct http_request *, const char *,
		    char *(*)(struct dctx *), const char *);

/* A certificate's fields shown as they are (cert_view() adds the rest). */
static const struct tv_field cert_fields[] = {
	TVF(struct certificate, "slug", r.slug),
	TVF(struct certificate, "url", url),
	TVF(struct certificate, "learner_name", r.learner_name),
	TVF(struct certificate, "course_title", r.course_title),
	TVF(struct certificate, "criteria", r.criteria),
	TVF_FLAG(struct certificate, "verified", verified),
	TVF_FLAG(struct certificate, "revoked", r.revoked_at),
	{ NULL, 0, 0 }
};

/* The ID in CERT_PREFIX ID suffix, or NULL when the path is not that. */
static const char *
slug_of(struct ctx *c, const char *suffix)
{
	const char	*p = c->req->path;
	size_t		 pl = strlen(CERT_PREFIX), sl = strlen(suffix);

	if (strncmp(p, CERT_PREFIX, pl) != 0 ||
	    strlen(p) != pl + CERT_SLUG_LEN + sl ||
	    strcmp(p + pl + CERT_SLUG_LEN, suffix) != 0)
		return (NULL);
	return (arena_strndup(c->dc.a, p + pl, CERT_SLUG_LEN));
}

/*
 * The 404 page of an address that names no certificate: says so, and how
 * a certificate's address looks, since it is usually a link pasted by an
 * employer or a colleague, not a page of ours.
 */
static void
cert_missing(struct ctx *c)
{
	ctx_title(c, N_("No such certificate"));
	tv_str(c->view, "message", ctx_tr(c, N_("No certificate has this "
	    "address. Check that the whole link was copied: the address of a "
	    "certificate ends with a code of 22 letters and digits.")));
	ctx_render(c, 404, "message");
}

/* Loads the certificate of the path; sends the error page and returns 0
 * when there is none. */
static int
cert_load(struct ctx *c, const char *suffix, struct certificate *cert)
{
	const char	*slug;
	enum result	 r;

	if ((slug = slug_of(c, suffix)) == NULL) {
		cert_missing(c);
		return (0);
	}
	if ((r = certificate_get(&c->dc, slug, cert)) == RES_NOT_FOUND) {
		cert_missing(c);
		return (0);
	}
	return (ctx_ok(c, r));
}

static const char *
date_of(struct ctx *c, int64_t t)
{
	const char	*s;

	s = ctx_date(c, t, 0);
	return (*s != '\0' ? s : certificate_iso_date(&c->dc, t));
}

static void
cert_view(struct ctx *c, const struct certificate *cert)
{
	struct tv	*v = c->view;

	tv_fields(v, cert, cert_fields);
	tv_str(v, "course_path", arena_printf(c->dc.a, "/courses/%s",
	    cert->r.course_slug));
	tv_str(v, "issued_date", date_of(c, cert->r.issued_at));
	tv_str(v, "issued_iso", certificate_iso_date(&c->dc,
	    cert->r.issued_at));
	if (cert->r.revoked_at != 0) {
		tv_str(v, "revoked_date", date_of(c, cert->r.revoked_at));
		tv_str(v, "revoked_reason", cert->r.revoked_reason);
	}
	tv_str(v, "jwt_path", arena_printf(c->dc.a, CERT_PREFIX "%s.jwt",
	    cert->r.slug));
	tv_str(v, "print_path", arena_printf(c->dc.a, CERT_PREFIX "%s/print",
	    cert->r.slug));
	tv_str(v, "page_path", arena_printf(c->dc.a, CERT_PREFIX "%s",
	    cert->r.slug));
	tv_str(v, "revoke_path", arena_printf(c->dc.a,
	    CERT_PREFIX "%s/revoke", cert->r.slug));
	tv_bool(v, "can_revoke", policy_can(c->user, ACT_COURSE_ADMIN));
}

/* A public JSON/JWT document: any origin may GET it. */
static void
send_doc(struct ctx *c, const char *type, const char *body,
    const char *cache)
{
	if (body == NULL) {
		ctx_error(c, 500);
		return;
	}
	http_response_header(c->req, "access-control-allow-origin", "*");
	http_response_header(c->req, "cache-control", cache);
	ctx_send(c, 200, type, body, strlen(body));
}

/* The certificate's page, or with print its printable page and QR code. */
static int
cert_page(struct http_request *req, const char *suffix, int print)
{
	struct ctx		 c;
	struct certificate	 cert;
	char			*path;
	int			 size = 0;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET) || !cert_load(&c, suffix, &cert))
		goto out;
	ctx_title(&c, N_("Certificate of completion"));
	cert_view(&c, &cert);
	if (!print) {
		ctx_render(&c, 200, "certificate");
		goto out;
	}
	if ((path = qr_svg_path(c.dc.a, cert.url, &size)) != NULL) {
		tv_str(c.view, "qr_path", path);
		tv_int(c.view, "qr_size", size);
	}
	tv_bool(c.view, "print_page", 1);
	ctx_render(&c, 200, "certificate_print");
out:
	return (ctx_end(&c));
}

int
page_certificate(struct http_request *req)
{
	return (cert_page(req, "", 0));
}

int
page_cert_print(struct http_request *req)
{
	return (cert_page(req, "/print", 1));
}

int
page_cert_jwt(struct http_request *req)
{
	struct ctx		c;
	struct certificate	cert;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET) || !cert_load(&c, ".jwt", &cert))
		goto out;
	send_doc(&c, "application/vc+jwt", cert.r.jwt, "public, max-age=3600");
out:
	return (ctx_end(&c));
}

int
page_cert_revoke(struct http_request *req)
{
	struct ctx		 c;
	struct certificate	 cert;
	const char		*slug;
	enum result		 r;
	static const char *const fields[] = { "reason", NULL };

	ctx_begin(&c, req);
	if (!gate(&c, CTX_POST, GATE_USER))
		goto out;
	if ((slug = slug_of(&c, "/revoke")) == NULL) {
		ctx_error(&c, 404);
		goto out;
	}
	r = certificate_revoke(&c.dc, slug, ctx_param(&c, "reason"), &c.fe);
	if (r == RES_INVALID) {
		if (certificate_get(&c.dc, slug, &cert) != RES_OK) {
			ctx_error(&c, 404);
			goto out;
		}
		ctx_title(&c, N_("Certificate of completion"));
		cert_view(&c, &cert);
		ctx_form(&c, &c.fe, fields);
		ctx_render(&c, 400, "certificate");
		goto out;
	}
	ctx_done(&c, r, FLASH_CERTIFICATE_REVOKED, arena_printf(c.dc.a,
	    CERT_PREFIX "%s", slug));
out:
	return (ctx_end(&c));
}

/* A GET of a public document that body makes. */
static int
doc_page(struct http_request *req, const char *type,
    char *(*body)(struct dctx *), const char *cache)
{
	struct ctx	c;

	ctx_begin(&c, req);
	if (ctx_method(&c, CTX_GET))
		send_doc(&c, type, body(&c.dc), cache);
	return (ctx_end(&c));
}

int
page_cert_status_list(struct http_request *req)
{
	return (doc_page(req, "application/vc+jwt", certificate_status_list,
	    "no-cache"));
}

int
page_issuer(struct http_request *req)
{
	return (doc_page(req, "application/ld+json", certificate_issuer_json,
	    "public, max-age=3600"));
}

int
page_jwks(struct http_request *req)
{
	return (doc_page(req, "application/jwk-set+json", keys_jwks,
	    "public, max-age=300"));
}

int
page_cert_unknown(struct http_request *req)
{
	struct ctx	c;

	ctx_begin(&c, req);
	if (ctx_method(&c, CTX_GET))
		cert_missing(&c);
	return (ctx_end(&c));
}
