/*
 * certificate_issue.c: the bridge from course completion to a certificate
 * (certificate_issue_course() and the completion hook,
 * see certificate.h). It reads the
 * course's current outline in its default language and turns the
 * completion rule into the criteria sentence the credential carries. Kept
 * apart from certificate.c so that the certificate core does not depend
 * on the course package code.
 */
#include <stdio.h>
#include <string.h>

#include "domain/certificate.h"
#include "domain/course.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"

static char	*fill(struct dctx *, const char *fmt, const char *name,
		    const char *value);

/* fmt with every "{name}" replaced by value (arena memory). */
static char *
fill(struct dctx *dc, const char *fmt, const char *name, const char *value)
{
	struct buf	 b;
	const char	*p, *hit;
	char		*tag, *out;
	size_t		 tl;

	tag = arena_printf(dc->a, "{%s}", name);
	tl = strlen(tag);
	buf_init(&b);
	for (p = fmt; (hit = strstr(p, tag)) != NULL; p = hit + tl) {
		buf_append(&b, p, (size_t)(hit - p));
		buf_puts(&b, value);
	}
	buf_puts(&b, p);
	out = arena_strdup(dc->a, b.data);
	buf_free(&b);
	return (out);
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
	const char		*lessons, *quizzes;
	char			 num[32];
	size_t			 i;
	int64_t			 nl = 0, nq = 0;
	enum result		 res;

	memset(&o, 0, sizeof(o));
	if ((res = course_outline(dc, course_slug, NULL, &o)) != RES_OK)
		return (res);
	lang = o.course.default_language != NULL ?
	    i18n_lang_get(o.course.default_language) : NULL;
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
