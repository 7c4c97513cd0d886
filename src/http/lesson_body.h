/*
 * lesson_body.h: a lesson's body as template values (see lesson_body.c).
 */
#ifndef ETHICA_LESSON_BODY_H
#define ETHICA_LESSON_BODY_H

struct ctx;
struct lesson_view;

/* Sets "body" in c's view from lv's parts: for each, "html" (Markdown) or
 * "card" (slug, title, summary, organisation, year, is_example,
 * available); rendered by templates/partials/lesson_body.html. */
void	lesson_body_view(struct ctx *, const struct lesson_view *);

#endif
