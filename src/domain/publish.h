/*
 * publish.h: the bridge between the open call and the case library. A
 * chair publishes a selected submission: its public fields (only those
 * the call marks public, only with the submitter's consent) become a case
 * in the library, and the submission moves to "published". Unpublishing
 * needs a reason, which the case's address then shows.
 */
#ifndef ETHICA_PUBLISH_H
#define ETHICA_PUBLISH_H

#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"

/* The library slug of a submission's case: its title, then "-s" and id. */
char		*publish_slug(struct dctx *, int64_t submission_id,
		    const char *title);
/*
 * Publishes (or publishes again, as a new version) submission id.
 * RES_NOT_FOUND when the submission is not selected, decided and
 * consented; RES_FORBIDDEN for anyone but an unconflicted chair;
 * RES_INVALID when the public fields do not make a case (fe); *slug gets
 * the case's address.
 */
enum result	publish_submission(struct dctx *, int64_t id,
		    struct form_errors *fe, const char **slug);
/* Takes the case of submission id out of the library, with a reason. */
enum result	unpublish_submission(struct dctx *, int64_t id,
		    const char *reason);

#endif
