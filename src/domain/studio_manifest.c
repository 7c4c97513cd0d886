/*
 * studio_manifest.c: writes a course manifest (course.yaml) from its
 * parsed form, for the studio's saves: every key of docs/course-format.md
 * in the document's order, every string double-quoted and escaped, so
 * that pkg_parse_manifest() reads back the same course. Comments of a
 * hand-written manifest do not survive a save from the studio (they are
 * not in the parsed form); the lesson files, quizzes and media are not
 * touched.
 *
 * Never: a store call, Kore headers.
 */
#include <stdio.h>
#include <string.h>

#include "domain/package.h"
#include "domain/studio.h"
#include "lib/buf.h"
#include "lib/mem.h"

static void	put_str(struct buf *, const char *);
static void	put_i18n(struct buf *, const char *, const char *,
		    const struct pkg_i18n *);
static void	put_list(struct buf *, const char *, const char *,
		    const struct pkg_list *);
static void	put_lesson(struct buf *, const struct pkg_lesson *);

/* s as a YAML double-quoted scalar. */
static void
put_str(struct buf *b, const char *s)
{
	const unsigned char	*p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)(s != NULL ? s : ""); *p != '\0';
	    p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *p);
		} else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '\t')
			buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_appendf(b, "\\x%02x", *p);
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/* "IND" "KEY: { en: "...", ko: "..." }\n" */
static void
put_i18n(struct buf *b, const char *ind, const char *key,
    const struct pkg_i18n *t)
{
	size_t	i;

	buf_appendf(b, "%s%s: {", ind, key);
	for (i = 0; i < t->n; i++) {
		buf_appendf(b, "%s ", i ? "," : "");
		put_str(b, t->v[i].lang);
		buf_puts(b, ": ");
		put_str(b, t->v[i].text);
	}
	buf_puts(b, t->n ? " }\n" : "}\n");
}

static void
put_list(struct buf *b, const char *ind, const char *key,
    const struct pkg_list *l)
{
	size_t	i;

	buf_appendf(b, "%s%s: [", ind, key);
	for (i = 0; i < l->n; i++) {
		if (i)
			buf_puts(b, ", ");
		put_str(b, l->v[i]);
	}
	buf_puts(b, "]\n");
}

static void
put_lesson(struct buf *b, const struct pkg_lesson *l)
{
	size_t	i;

	buf_puts(b, "      - id: ");
	put_str(b, l->id);
	buf_puts(b, "\n        file: ");
	put_str(b, l->file);
	buf_putc(b, '\n');
	put_i18n(b, "        ", "title", &l->title);
	buf_appendf(b, "        minutes: %d\n", l->minutes);
	buf_appendf(b, "        required: %s\n", l->required ? "true" :
	    "false");
	if (l->principles.n > 0)
		put_list(b, "        ", "principles", &l->principles);
	if (l->policy_areas.n > 0)
		put_list(b, "        ", "policy_areas", &l->policy_areas);
	if (l->video != NULL) {
		buf_puts(b, "        video:\n          url: ");
		put_str(b, l->video->url);
		buf_putc(b, '\n');
		put_i18n(b, "          ", "captions", &l->video->captions);
	}
	if (l->natt > 0) {
		buf_puts(b, "        attachments:\n");
		for (i = 0; i < l->natt; i++) {
			buf_puts(b, "          - file: ");
			put_str(b, l->att[i].file);
			buf_putc(b, '\n');
			put_i18n(b, "            ", "title", &l->att[i].title);
		}
	}
}

void
studio_yaml_str(struct buf *b, const char *s)
{
	put_str(b, s);
}

void
studio_yaml_i18n(struct buf *b, const char *ind, const char *key,
    const struct pkg_i18n *t)
{
	put_i18n(b, ind, key, t);
}

char *
studio_manifest(struct arena *a, const struct course_pkg *p)
{
	const struct pkg_module	*m;
	struct buf		 b;
	char			*out;
	size_t			 i, j;

	buf_init(&b);
	buf_puts(&b, "slug: ");
	put_str(&b, p->slug);
	buf_puts(&b, "\ndefault_language: ");
	put_str(&b, p->default_language);
	buf_putc(&b, '\n');
	put_list(&b, "", "languages", &p->languages);
	put_i18n(&b, "", "title", &p->title);
	put_i18n(&b, "", "summary", &p->summary);
	buf_puts(&b, "level: ");
	put_str(&b, p->level);
	buf_appendf(&b, "\nminutes: %d\nlicence: ", p->minutes);
	put_str(&b, p->licence);
	buf_puts(&b, "\nauthors:\n");
	for (i = 0; i < p->nauthors; i++) {
		buf_puts(&b, "  - name: ");
		put_str(&b, p->authors[i].name);
		buf_putc(&b, '\n');
		if (p->authors[i].email != NULL && *p->authors[i].email) {
			buf_puts(&b, "    email: ");
			put_str(&b, p->authors[i].email);
			buf_putc(&b, '\n');
		}
	}
	put_list(&b, "", "values", &p->values);
	put_list(&b, "", "principles", &p->principles);
	put_list(&b, "", "policy_areas", &p->policy_areas);
	buf_appendf(&b, "completion:\n  required_lessons: %s\n"
	    "  quizzes: %s\nmodules:\n", p->required_all ? "all" : "listed",
	    p->quizzes_graded ? "graded" : "none");
	for (i = 0; i < p->nmodules; i++) {
		m = &p->modules[i];
		buf_puts(&b, "  - id: ");
		put_str(&b, m->id);
		buf_puts(&b, "\n    track: ");
		put_str(&b, m->track);
		buf_putc(&b, '\n');
		put_i18n(&b, "    ", "title", &m->title);
		buf_puts(&b, "    lessons:\n");
		for (j = 0; j < m->nlessons; j++)
			put_lesson(&b, &m->lessons[j]);
		if (m->quiz_file != NULL) {
			buf_puts(&b, "    quiz: ");
			put_str(&b, m->quiz_file);
			buf_putc(&b, '\n');
		}
	}
	out = buf_to_arena(&b, a);
	return (out);
}
