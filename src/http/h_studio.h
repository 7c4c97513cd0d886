/*
 * h_studio.h: what the studio's other page files (h_studio_*.c) share
 * with h_studio.c: the head every studio page of a course shows
 * (templates/partials/studio_head.html).
 */
#ifndef ETHICA_H_STUDIO_H
#define ETHICA_H_STUDIO_H

struct ctx;
struct studio_course;

/* Puts the course's title, address, version, archive mark and the
 * viewer's role and rights into c->view, for partials/studio_head. */
void	studio_page_head(struct ctx *, const struct studio_course *);

#endif
