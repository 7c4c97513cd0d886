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
 *
 * Details: links keep their href only when it is relative (not "//" or
 * "/\"), "#...", http:, https: or mailto:; otherwise the link text is
 * rendered without <a>. Images become <img src alt loading="lazy"> when src
 * is relative or https:, otherwise only their alt text is shown. Headings
 * h2-h4 get id="slug" (lowercase letters and digits, other runs "-",
 * duplicates "-2", "-3"). Code blocks get class="language-x". Table cell
 * alignment is class="align-left|align-center|align-right".
 */
const struct safe_html *markdown_render(struct arena *, const char *text,
		    size_t len);

/*
 * The same rendered Markdown with every heading id this renderer gave
 * ("sources") prefixed ("lesson-x-sources"), for pages that show several
 * rendered texts one after another. prefix: lowercase letters, digits and
 * '-' only (else html is returned as it is). Arena memory.
 */
const struct safe_html *markdown_prefix_ids(struct arena *,
		    const struct safe_html *html, const char *prefix);

/* One table-of-contents entry: a heading h2-h4 that got an id. */
struct md_toc_entry {
	int		 level;		/* 2, 3 or 4 */
	const char	*id;		/* the id attribute, no "#" */
	const char	*text;		/* the heading's plain text (UTF-8) */
};

struct md_toc {
	struct md_toc_entry	*entries;
	size_t			 n;
};

/*
 * markdown_render, also filling toc (when not NULL) with the h2-h4
 * headings in document order. toc->entries and every string are owned by
 * the arena. Never returns NULL.
 */
const struct safe_html *markdown_render_ex(struct arena *, const char *text,
		    size_t len, struct md_toc *toc);

/*
 * Calls fn for every image in document order with its source URL (entities
 * decoded), its alt text (plain UTF-8, may be "") and the 1-based line where
 * the image starts (best effort: md4c gives no positions, the line of the
 * first "![" after the preceding text). The strings are only valid during
 * the call. fn returns non-zero to stop. Returns the number of images seen.
 */
int		 markdown_each_image(const char *text, size_t len,
		    int (*fn)(void *arg, const char *src, const char *alt,
		    int line), void *arg);

/*
 * Returns 1 if every image in text has a non-blank alt text, else 0 with the
 * 1-based line of the first image without one in *line_out (may be NULL).
 */
int		 markdown_images_have_alt(const char *text, size_t len,
		    int *line_out);

#endif
