/*
 * certificate.h: course certificates anyone can verify. A certificate is
 * issued once per learner and course when the course is completed, as an
 * Open Badges 3.0 OpenBadgeCredential signed as a VC-JWT (EdDSA, Ed25519;
 * keys in keys.h). Its row is a snapshot (course title and criteria in the
 * course's default language, learner name, date) that never changes
 * afterwards; only revocation (by a course admin, with a reason) changes
 * its status, published in a Bitstring Status List.
 *
 * Credential format (documented for verifiers): the JWT payload IS the
 * credential (VC Data Model 2.0 / VC-JOSE-COSE, Open Badges 3.0 section
 * 8.2) with the registered claims iss (= issuer.id), jti (= id), nbf
 * (= validFrom) and iat added; header {"alg":"EdDSA","kid":..,"typ":
 * "vc+jwt"}. The learner has no DID, so the subject is identified by an
 * IdentityObject of identityType "name" (not hashed: the public page
 * shows the name too).
 *
 * Public URLs (PUBLIC = dc->public_url): PUBLIC/certificates/ID (page),
 * PUBLIC/certificates/ID.jwt, PUBLIC/issuer (Profile JSON),
 * PUBLIC/.well-known/jwks.json, PUBLIC/certificates/status-list (a
 * BitstringStatusListCredential as a VC-JWT), and achievement ids
 * PUBLIC/courses/SLUG#achievement.
 */
#ifndef ETHICA_CERTIFICATE_H
#define ETHICA_CERTIFICATE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"
#include "store/st_certificates.h"

/* Entries in the status list: 2^17 bits (16 KB), the spec's minimum
 * size for herd privacy. Indexes are random, not in issue order. */
#define CERT_STATUS_BITS	131072
#define CERT_SLUG_LEN		22	/* 16 random bytes, base64url */
#define CERT_REASON_MAX		500	/* characters */

/* What a certificate says about its course, taken at issue time. */
struct cert_course {
	const char	*slug;
	const char	*title;		/* course default language */
	const char	*description;
	const char	*criteria;	/* completion rule, as a sentence */
};

struct certificate {
	struct cert_row	 r;		/* as stored; r.slug is the public,
					 * opaque ID, r.revoked_at 0 when
					 * not revoked */
	const char	*url;		/* PUBLIC/certificates/ID */
	int		 verified;	/* signature checked against JWKS key */
};

/*
 * Issues the certificate of user_id for course (strings borrowed) unless
 * one exists already: then *out is that one and nothing is written
 * (issued once). Runs in the caller's transaction when there is one, else
 * in its own. No permission check: callers are the completion hook and
 * the operator. RES_OK, RES_NOT_FOUND (no such user), RES_INVALID (empty
 * course fields), RES_INTERNAL. *out is arena memory (NULL allowed).
 */
enum result	certificate_issue(struct dctx *, int64_t user_id,
		    const struct cert_course *course, struct certificate *out);

/*
 * Issues the certificate of user_id for the course course_slug, taking
 * the title and the completion rule from the course's current outline in
 * the learner's language (their profile's; the course's default when the
 * course lacks it). RES_CONFLICT when the learner's completion of the
 * course is not on record; RES_NOT_FOUND without such account or course;
 * else as certificate_issue(). *out as for certificate_issue().
 */
enum result	certificate_issue_course(struct dctx *, int64_t user_id,
		    const char *course_slug, struct certificate *out);
/*
 * The completion hook, registered at start with
 * learning_on_complete(certificate_issue_for_completion): calls
 * certificate_issue_course(); a failure leaves the completion recorded
 * and no certificate (issuing again later is safe).
 */
void		certificate_issue_for_completion(struct dctx *,
		    int64_t user_id, const char *course_slug);

/*
 * The certificate with public ID slug, its signature verified against the
 * published key it names (out->verified). Public: shows only what the
 * public page shows. RES_NOT_FOUND for unknown or malformed IDs.
 */
enum result	certificate_get(struct dctx *, const char *slug,
		    struct certificate *out);

/*
 * Revokes the certificate slug with reason (1..CERT_REASON_MAX
 * characters, trimmed). The actor needs ACT_COURSE_ADMIN. RES_FORBIDDEN,
 * RES_NOT_FOUND, RES_INVALID (fe: field "reason"), RES_CONFLICT (already
 * revoked), RES_INTERNAL. Audited; own transaction.
 */
enum result	certificate_revoke(struct dctx *, const char *slug,
		    const char *reason, struct form_errors *fe);

/*
 * The certificates of user_id, newest first (arena memory, not
 * signature-checked). The actor must be that user or a course admin:
 * RES_FORBIDDEN otherwise.
 */
enum result	certificate_list_for_user(struct dctx *, int64_t user_id,
		    struct certificate **out, size_t *n);

/* The issuer Profile as JSON (arena memory). */
char		*certificate_issuer_json(struct dctx *);

/*
 * The revocation status list as a signed BitstringStatusListCredential
 * VC-JWT (arena memory): the bit at a certificate's status index is 1
 * when it is revoked (GZIP, multibase base64url "u..." encodedList).
 * NULL on failure.
 */
char		*certificate_status_list(struct dctx *);

/* The ISO 8601 UTC form of t ("2026-03-01T12:00:00Z"), arena memory. */
char		*certificate_iso_date(struct dctx *, int64_t t);

#endif
