/*
 * publish.h: the bridge between the open call and the case library. A
 * chair publishes a selected submission: its public fields (only those
 * the call marks public, only with the submitter's consent) become a case
 * in the library, and the submission moves to "published" (one
 * transaction: submission_move()). Unpublishing needs a reason, which the
 * case's address then shows.
 */
#ifndef ETHICA_PUBLISH_H
#define ETHICA_PUBLISH_H

#include <stdint.h>

#include "domain/cases.h"
#include "domain/dctx.h"
#include "domain/result.h"

/* The library slug of a submission's case: the one it was published
 * under, else its title (case_slugify()), then "-s" and id. */
char		*publish_slug(struct dctx *, int64_t submission_id,
		    const char *title);
/*
 * The library case that submission id becomes: its public fields only
 * (those the call marks public, with the submitter's consent), into *in
 * (arena strings). RES_NOT_FOUND unless the case is selected, decided and
 * consented. No permission check and no write: the transition that
 * publishes (submission_move()) checks and writes.
 */
enum result	publish_input(struct dctx *, int64_t id,
		    struct case_input *);

#endif
