/*
 * certificate_issue.c: the bridge from course completion to a certificate
 * (certificate_issue_course() and the completion hook, see
 * certificate.h). It refuses a course the learner has not completed,
 * reads the course's current outline in the learner's language (the
 * course's default when it lacks that language) and turns the completion
 * rule into the criteria sentence the credential carries. Kept
 * apart from certificate.c so that the certificate core does not depend
 * on the course package code.
 */
#include <stdio.h>
#include <string.h>

#include "domain/certificate.h"
#include "domain/course.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/st_learning.h"
#include "store/store.h"
#include "web/i18n.h"

static char	*fill(struct dctx *, const char *fmt, const char *name,
		    const char *value);
static enum result learner_of(struct dctx *, int64_t, const char *,
		    const char **);

/* fmt with every "{name}" replaced by value (arena memory). */
static char *
fill(struct dctx *dc, const char *fmt, const char *name, const char *value)
{
	struct buf	 b;
	const char	*p, *hit;
	char		*tag;
	size_t		 tl;

	tag = arena_printf(dc->a, "{%s}", name);
	tl = strlen(tag);
	buf_init(&b);
	for (p = fmt; (hit = strstr(p, tag)) != NULL; p = hit + tl) {
		buf_append(&b, p, (size_t)(hit - p));
		buf_puts(&b, value);
	}
	buf_puts(&b, p);
	return (buf_to_arena(&b, dc->a));
}

/*
 * The learner's language (profile, else the page's when they are the one
 * acting, else NULL) into *lang, once their completion of course_slug is
 * on record: RES_CONFLICT when it is not, RES_NOT_FOUND without such
 * account.
 */
static enum result
learner_of(struct dctx *dc, int64_t user_id, const char *course_slug,
    const char **lang)
{
	struct user_row		u;
	struct learner_course	lc;
	enum result		res;

	memset(&u, 0, sizeof(u));
	memset(&lc, 0, sizeof(lc));
	if ((res = result_from_store(store_user_by_id(dc->db, dc->a, user_id,
	    &u))) != RES_OK)
		return (res);
	if (store_learner_course(dc->db, dc->a, user_id, course_slug, &lc)
	    != STORE_OK)
		return (RES_INTERNAL);
	if (!lc.enrolled || lc.e.completed_at == 0)
		return (RES_CONFLICT);
	*lang = NULL;
	if (u.language != NULL && *u.language != '\0')
		*lang = u.language;
	else if (dc->user != NULL && dc->user->id == user_id &&
	    dc->lang != NULL)
		*lang = i18n_code(dc->lang);
	return (RES_OK);
}

void
certificate_issue_for_completion(struct dctx *dc, int64_t user_id,
    const char *course_slug)
{
	(void)certificate_issue_course(dc, user_id, course_slug, NULL);
}

enum result
certificate_issue_course(struct dctx *dc, int64_t user_id,
    const char *course_slug, struct certificate *out)
{
	struct course_outline	 o;
	struct cert_course	 cc;
	const struct i18n_lang	*lang;
	const char		*lessons, *quizzes, *want;
	char			 num[32];
	size_t			 i;
	int64_t			 nl = 0, nq = 0;
	enum result		 res;

	memset(&o, 0, sizeof(o));
	if ((res = learner_of(dc, user_id, course_slug, &want)) != RES_OK)
		return (res);
	if ((res = course_outline(dc, course_slug, want, &o)) != RES_OK)
		return (res);
	lang = o.lang != NULL ? i18n_lang_get(o.lang) : NULL;
	if (lang == NULL && o.course.default_language != NULL)
		lang = i18n_lang_get(o.course.default_language);
	if (lang == NULL)
		lang = i18n_default();
	for (i = 0; i < o.nlessons; i++)
		nl += o.lessons[i].required != 0;
	for (i = 0; i < o.nquizzes; i++)
		nq += o.quizzes[i].graded != 0;
	(void)snprintf(num, sizeof(num), "%lld", (long long)nl);
	lessons = fill(dc, i18n_ngettext(lang,
	    "Complete the required lesson of the course.",
	    "Complete all {n} required lessons of the course.", nl),
	    "n", num);
	quizzes = "";
	if (nq > 0) {
		(void)snprintf(num, sizeof(num), "%lld", (long long)nq);
		quizzes = fill(dc, i18n_ngettext(lang,
		    "Pass its graded quiz.",
		    "Pass all {n} of its graded quizzes.", nq), "n", num);
	}
	memset(&cc, 0, sizeof(cc));
	cc.slug = o.course.slug != NULL ? o.course.slug : course_slug;
	cc.title = o.title;
	cc.criteria = *quizzes != '\0' ? arena_printf(dc->a, "%s %s",
	    lessons, quizzes) : lessons;
	cc.description = fill(dc, i18n_gettext(lang, N_("Completion of the "
	    "course \"{title}\" on Ethica, a free platform for AI-ethics "
	    "education.")), "title", o.title != NULL ? o.title : "");
	return (certificate_issue(dc, user_id, &cc, out));
}
