/*
 * publish.c: what a selected submission becomes in the case library (see
 * publish.h). It only builds the case from the public fields; the
 * workflow transition (src/domain/submission_decide.c) writes the state
 * and the library in one transaction, so a case is never public while its
 * submission says otherwise, or the reverse.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/cases.h"
#include "domain/publish.h"
#include "domain/submission.h"
#include "domain/taxonomy.h"
#include "domain/validate.h"
#include "lib/mem.h"

static void	add_tags(struct dctx *, struct case_input *, const char *);
static void	add_links(struct dctx *, struct case_input *, const char *);
static void	add_files(struct dctx *, struct case_input *, int64_t,
		    const struct submission_public *);

char *
publish_slug(struct dctx *dc, int64_t id, const char *title)
{
	char	*base;

	/* Once published, a case keeps its address (and slugs made before
	 * titles were transliterated keep working). */
	if (store_case_slug_of_sub(dc->db, dc->a, id, &base) == STORE_OK)
		return (base);
	base = case_slugify(dc->a, title);
	if (base == NULL || *base == '\0')
		base = "case";
	if (strlen(base) > 80)
		base[80] = '\0';
	return (arena_printf(dc->a, "%s-s%" PRId64, base, id));
}

/* "fairness,privacy,data-policy" into principle/policy_area tags. */
static void
add_tags(struct dctx *dc, struct case_input *in, const char *tags)
{
	const char	*p, *e;
	char		*w;

	for (p = tags; *p != '\0' && in->ntags < CASE_MAX_TAGS;
	    p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		w = arena_strndup(dc->a, p, (size_t)(e - p));
		if (taxonomy_find(TAX_PRINCIPLE, w) != NULL)
			in->tags[in->ntags].kind = "principle";
		else if (taxonomy_find(TAX_POLICY_AREA, w) != NULL)
			in->tags[in->ntags].kind = "policy_area";
		else
			continue;
		in->tags[in->ntags++].slug = w;
	}
}

/* One address a line, as the submission form takes them. */
static void
add_links(struct dctx *dc, struct case_input *in, const char *links)
{
	const char		*p;
	size_t			 n;
	struct case_link_row	*l;

	while (in->nlinks < CASE_MAX_LINKS &&
	    (p = line_next(&links, &n)) != NULL) {
		l = &in->links[in->nlinks];
		l->position = (int64_t)in->nlinks + 1;
		l->kind = "source";
		l->url = arena_strndup(dc->a, p, n);
		l->title = l->url;
		in->nlinks++;
	}
}

/* The attachments, when the call publishes them (pub lists them only
 * then): links to the file route, which serves them to everyone while
 * the case is published (submission_file). */
static void
add_files(struct dctx *dc, struct case_input *in, int64_t id,
    const struct submission_public *pub)
{
	struct case_link_row	*l;
	size_t			 i;

	for (i = 0; i < pub->nfiles && in->nlinks < CASE_MAX_LINKS; i++) {
		l = &in->links[in->nlinks];
		l->position = (int64_t)in->nlinks + 1;
		l->kind = "attachment";
		l->url = arena_printf(dc->a, "/submissions/%" PRId64
		    "/files/%" PRId64, id, pub->files[i].id);
		l->title = pub->files[i].filename;
		in->nlinks++;
	}
}

enum result
publish_input(struct dctx *dc, int64_t id, struct case_input *in)
{
	struct submission_public	 pub;
	struct case_text_row	*t;
	enum result		 r;
	struct tm		 tm;
	time_t			 when;

	memset(&pub, 0, sizeof(pub));
	memset(in, 0, sizeof(*in));
	if ((r = submission_public_view(dc, id, &pub)) != RES_OK)
		return (r);
	in->slug = publish_slug(dc, id, pub.title);
	in->submission_id = id;
	in->category = pub.category;
	in->organisation = pub.organisation;
	in->sector = pub.sector;
	in->country = pub.country;
	in->language = pub.language;
	if (pub.decided_at > 0) {
		when = (time_t)pub.decided_at;
		gmtime_r(&when, &tm);
		in->year = tm.tm_year + 1900;
	}
	t = &in->texts[in->ntexts++];
	t->lang = (char *)pub.language;
	t->title = (char *)pub.title;
	t->summary = (char *)pub.summary;
	t->ai_system = (char *)pub.ai_system;
	t->actions = (char *)pub.actions;
	t->outcomes = (char *)pub.outcomes;
	t->lessons = (char *)pub.lessons;
	add_tags(dc, in, pub.tags != NULL ? pub.tags : "");
	add_links(dc, in, pub.links != NULL ? pub.links : "");
	add_files(dc, in, id, &pub);
	in->note = "published from the open call";
	return (RES_OK);
}
