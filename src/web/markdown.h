/*
 * markdown.h: Markdown to safe HTML with md4c, raw HTML disabled.
 */
#ifndef ETHICA_MARKDOWN_H
#define ETHICA_MARKDOWN_H

#include <stddef.h>

struct arena;
struct safe_html;

/*
 * Renders text (CommonMark + tables + strikethrough + autolinks) to HTML
 * owned by the arena. Raw HTML blocks and inline HTML are escaped, links
 * with unsafe schemes (javascript:, data:, ...) are dropped, headings get
 * id anchors. Never returns NULL.
 */
const struct safe_html *markdown_render(struct arena *, const char *text,
		    size_t len);

#endif
