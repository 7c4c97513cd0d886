/*
 * test_studio_lesson.c: the studio's lesson editor and media (issue
 * 16.3): the WebVTT check (good files of every shape; each fault with
 * its line), media types by magic bytes (never by name), the upload
 * limits' one place, and on both backends: the editor's flags (unknown
 * case names, images without alt text), saving a new version with its
 * note, an image added with its alt text, a video with captions per
 * language, and who may (a translator only another language's text, a
 * stranger nothing).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/crypto.h"
#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/result.h"
#include "domain/studio.h"
#include "domain/studio_lesson.h"
#include "domain/upload.h"
#include "domain/webvtt.h"
#include "lib/mem.h"
#include "store/st_studio.h"
#include "t.h"
#include "tstore.h"

static struct dctx	 dc;
static struct user	 author, translator, stranger;

static const struct studio_new NEW = {
	.slug = "vtt-course", .title = "Captions course",
	.summary = "A course with a video.",
	.languages = "ko", .default_language = "en",
	.level = "beginner", .licence = "CC-BY-4.0",
	.values = "", .principles = "fairness",
	.policy_areas = "", .track = "foundations",
	.module_title = "Basics", .lesson_title = "Watch this"
};

static const char PNG[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
static const char WEBM[] = "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7"
    "\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm\x42\x87";
static const char MP4[] = "\0\0\0\x18" "ftypmp42\0\0\0\0mp42isom";
static const char VTT_EN[] = "WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n";
static const char VTT_KO[] = "WEBVTT\n\n00:00.000 --> 00:02.000\n"
    "\xec\x95\x88\xeb\x85\x95\n";

static void	 add_user(struct user *);
static int	 vtt(const char *, int *, const char **);

static void
add_user(struct user *u)
{
	struct user_row	r;

	memset(&r, 0, sizeof(r));
	r.email = (char *)u->email;
	r.display_name = (char *)u->display_name;
	r.password_hash = "x";
	r.role = (char *)u->role;
	if (store_user_insert(dc.db, &r, dc.now, &u->id) != STORE_OK)
		printf("  cannot add %s\n", u->email);
}

static int
vtt(const char *s, int *line, const char **why)
{
	return (webvtt_check(s, strlen(s), line, why));
}

static void
test_webvtt_valid(void)
{
	const char	*why;
	int		 line;

	T_ASSERT(vtt("WEBVTT\n\n00:01.000 --> 00:04.000\nHi\n", &line,
	    &why) == 1);
	T_ASSERT(why == NULL && line == 0);
	/* A title, a BOM, CRLF, hours, ids, settings, NOTE and STYLE. */
	T_ASSERT(vtt("\xef\xbb\xbfWEBVTT - a title\r\nKind: captions\r\n\r\n"
	    "STYLE\r\n::cue { color: red }\r\n\r\n"
	    "NOTE written by hand\r\n\r\n"
	    "intro\r\n00:00:01.000 --> 00:00:04.500 align:start line:0\r\n"
	    "<v Ana>Hello</v>\r\n[music]\r\n\r\n"
	    "01:00:00.000 --> 01:00:01.000\r\nLater\r\n", &line, &why) == 2);
	/* Same start twice is in order; an empty text is allowed; CR. */
	T_ASSERT(vtt("WEBVTT\r\r00:01.000 --> 00:02.000\rA\r\r"
	    "00:01.000 --> 00:03.000\r\r", &line, &why) == 2);
	/* No newline at the end. */
	T_ASSERT(vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nA", &line,
	    &why) == 1);
}

static void
test_webvtt_invalid(void)
{
	static const struct {
		const char	*text;
		int		 line;
		const char	*says;
	} bad[] = {
		{ "", 1, "must start with WEBVTT" },
		{ "WEBVTTX\n", 1, "must start with WEBVTT" },
		{ "1\n00:01.000 --> 00:02.000\nA\n", 1,
		    "must start with WEBVTT" },
		{ "WEBVTT\n", 0, "has no cues" },
		{ "WEBVTT\n00:01.000 --> 00:02.000\nA\n", 2, "blank line" },
		{ "WEBVTT\n\n00:01.000 -> 00:02.000\nA\n", 3,
		    "write the timings" },
		{ "WEBVTT\n\n0:01.000 --> 00:02.000\nA\n", 3, "start time" },
		{ "WEBVTT\n\n00:61.000 --> 01:02.000\nA\n", 3, "start time" },
		{ "WEBVTT\n\n00:01.00 --> 00:02.000\nA\n", 3, "start time" },
		{ "WEBVTT\n\n00:01.000 --> 00:02\nA\n", 3, "end time" },
		{ "WEBVTT\n\n00:01.000-->00:02.000\nA\n", 3,
		    "space on each side" },
		{ "WEBVTT\n\n00:05.000 --> 00:02.000\nA\n", 3,
		    "end after it starts" },
		{ "WEBVTT\n\n00:05.000 --> 00:05.000\nA\n", 3,
		    "end after it starts" },
		{ "WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n"
		    "00:01.000 --> 00:02.000\nB\n", 6, "order" },
		{ "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n"
		    "00:03.000 --> 00:04.000\nB\n", 5, "blank line" },
		{ "WEBVTT\n\nname\n\n", 4, "after its name" },
		{ "WEBVTT\n\nname\nno timing\n", 4, "after its name" },
		{ "WEBVTT\n\nname", 3, "after its name" },
		{ "WEBVTT\n\n00:01.000 --> 00:02.000\nA\x01\n", 4,
		    "control character" },
		{ "WEBVTT\n\n00:01.000 --> 00:02.000\n\xff\xfe\n", 4,
		    "not UTF-8" },
		{ "WEBVTT\n\n100:00:01.000 --> 100:00:02.000\nA\n", 3,
		    "start time" },
	};
	const char	*why;
	char		*big;
	size_t		 i, n;
	int		 line;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		line = -1;
		why = NULL;
		if (vtt(bad[i].text, &line, &why) != -1 ||
		    line != bad[i].line || why == NULL ||
		    strstr(why, bad[i].says) == NULL) {
			printf("  case %zu: line %d, %s\n", i, line,
			    why != NULL ? why : "(accepted)");
			T_ASSERT(0);
		}
		/* A message with a line says which. */
		if (why != NULL && line > 0)
			T_ASSERT(strstr(why, "{line}") != NULL);
	}
	/* NUL bytes inside: not read as the end of the file. */
	T_ASSERT(webvtt_check("WEBVTT\n\n00:01.000 --> 00:02.000\nA\0B\n", 35,
	    &line, &why) == -1 && line == 4);
	/* A line over WEBVTT_LINE_MAX. */
	n = WEBVTT_LINE_MAX + 64;
	big = malloc(n + 64);
	T_ASSERT(big != NULL);
	memcpy(big, "WEBVTT\n\n00:01.000 --> 00:02.000\n", 32);
	memset(big + 32, 'a', n - 32);
	T_ASSERT(webvtt_check(big, n, &line, &why) == -1 && line == 4 &&
	    strstr(why, "longer") != NULL);
	free(big);
}

static void
test_webvtt_cues_cap(void)
{
	char		*s, *p;
	const char	*why;
	int		 i, line;

	s = malloc((WEBVTT_CUES_MAX + 2) * 40 + 16);
	T_ASSERT(s != NULL);
	p = s + sprintf(s, "WEBVTT\n\n");
	for (i = 0; i < WEBVTT_CUES_MAX; i++)
		p += sprintf(p, "%02d:%02d:%02d.000 --> %02d:%02d:%02d.500\nx\n\n",
		    i / 3600, i / 60 % 60, i % 60, i / 3600, i / 60 % 60,
		    i % 60);
	T_ASSERT(webvtt_check(s, (size_t)(p - s), &line, &why) ==
	    WEBVTT_CUES_MAX);
	p += sprintf(p, "09:00:00.000 --> 09:00:01.000\nx\n");
	T_ASSERT(webvtt_check(s, (size_t)(p - s), &line, &why) == -1);
	T_ASSERT(why != NULL && strstr(why, "at most 5000") != NULL);
	T_ASSERT(line == 2 + 3 * WEBVTT_CUES_MAX + 1);
	free(s);
}

static void
test_media_types(void)
{
	static const char jpg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
	static const char webp[] = "RIFF\x24\0\0\0WEBPVP8 ";
	const char	*why;

	T_STREQ(upload_media_check(PNG, sizeof(PNG) - 1, UPLOAD_IMAGE, &why),
	    "image/png");
	T_STREQ(upload_media_check(jpg, sizeof(jpg) - 1, UPLOAD_IMAGE, &why),
	    "image/jpeg");
	T_STREQ(upload_media_check(webp, sizeof(webp) - 1, UPLOAD_IMAGE,
	    &why), "image/webp");
	T_STREQ(upload_media_check(WEBM, sizeof(WEBM) - 1, UPLOAD_VIDEO,
	    &why), "video/webm");
	T_STREQ(upload_media_check(MP4, sizeof(MP4) - 1, UPLOAD_VIDEO, &why),
	    "video/mp4");
	T_STREQ(upload_media_ext("image/jpeg"), "jpg");
	T_ASSERT(upload_media_ext("text/html") == NULL);
	/* A video is no image, an image no video; SVG, GIF, HTML: none. */
	T_ASSERT(upload_media_check(WEBM, sizeof(WEBM) - 1, UPLOAD_IMAGE,
	    &why) == NULL);
	T_STREQ(why, "Only PNG, JPEG and WebP images are accepted.");
	T_ASSERT(upload_media_check(PNG, sizeof(PNG) - 1, UPLOAD_VIDEO,
	    &why) == NULL);
	T_STREQ(why, "Only WebM and MP4 videos are accepted.");
	T_ASSERT(upload_media_check("<svg xmlns=", 11, UPLOAD_IMAGE,
	    &why) == NULL);
	T_ASSERT(upload_media_check("GIF89a....", 10, UPLOAD_IMAGE,
	    &why) == NULL);
	T_ASSERT(upload_media_check("RIFF\0\0\0\0WAVE", 12, UPLOAD_IMAGE,
	    &why) == NULL);
	/* Matroska that is not WebM, and a bare EBML magic. */
	T_ASSERT(upload_media_check("\x1a\x45\xdf\xa3matroska", 12,
	    UPLOAD_VIDEO, &why) == NULL);
	T_ASSERT(upload_media_check("", 0, UPLOAD_IMAGE, &why) == NULL);
	T_STREQ(why, "The file is empty.");
	T_ASSERT(upload_media_check(PNG, (size_t)UPLOAD_MAX_SIZE + 1,
	    UPLOAD_IMAGE, &why) == NULL);
	T_STREQ(why, "The file is larger than {mb} MB.");
}

static void
test_limits_one_place(void)
{
	/* A video and captions in every UI language fit in one form, and
	 * such a form is answered by our page, not Kore's bare 413. */
	T_ASSERT(UPLOAD_MEDIA_FILES_MAX >= 1 + STUDIO_LANGS_MAX);
	T_ASSERT((long long)UPLOAD_MEDIA_FILES_MAX * UPLOAD_MAX_SIZE +
	    UPLOAD_TEXT_MAX <= UPLOAD_REQUEST_MAX);
	T_ASSERT(STUDIO_TEXT_MAX < UPLOAD_TEXT_MAX);
	T_ASSERT(STUDIO_TEXT_MAX == 100000);	/* v_text (validators.c) */
}

static void
test_flags(void)
{
	struct studio_lesson_flags	f;

	dc.user = &author;
	T_ASSERT(studio_lesson_check(&dc, "Fine.\n\n![A chart](media/x.png)\n",
	    "en", &f) == RES_OK);
	T_ASSERT(f.nunknown == 0 && f.alt_line == 0 && f.directive == NULL);
	T_ASSERT(f.preview.nparts > 0);
	T_ASSERT(studio_lesson_check(&dc, "Intro\n\nText\n![](media/x.png)\n",
	    "en", &f) == RES_OK);
	T_ASSERT(f.alt_line == 4);
	T_ASSERT(studio_lesson_check(&dc, "Intro\n\n::case[no-such-case]\n",
	    "en", &f) == RES_OK);
	T_ASSERT(f.nunknown == 1);
	T_STREQ(f.nunknown == 1 ? f.unknown[0] : NULL, "no-such-case");
	T_ASSERT(studio_lesson_check(&dc, "x\n\n::case[Bad Name]\n", "en",
	    &f) == RES_OK);
	T_ASSERT(f.directive != NULL);
}

static void
test_save_and_rights(void)
{
	struct studio_lesson_edit	 e;
	struct studio_lesson		 sl;
	struct studio_course		 sc;
	struct form_errors		 fe;
	struct pkg_errors		 errs;
	int64_t				 v0;

	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, dc.a, "");
	dc.user = &author;
	T_ASSERT(studio_create(&dc, &NEW, &fe, &errs) == RES_OK);
	T_ASSERT(studio_open(&dc, "vtt-course", STUDIO_OPEN, &sc) == RES_OK);
	v0 = sc.version;
	T_ASSERT(store_team_put(dc.db, sc.id, translator.id, "translator",
	    dc.now) == STORE_OK);
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "en",
	    &sl) == RES_OK);
	T_STREQ(sl.title, "Watch this");
	T_ASSERT(sl.may_text);
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "nope", "en", &sl) ==
	    RES_NOT_FOUND);
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "fr",
	    &sl) == RES_NOT_FOUND);

	/* Bad input: each field says what to fix; nothing stored. */
	memset(&e, 0, sizeof(e));
	e.title = "";
	e.minutes = "601";
	e.text = "Text\n\n![](media/x.png)\n";
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_save(&dc, "vtt-course", "watch-this", "en", &e,
	    &fe, &errs) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "title") != NULL);
	T_ASSERT(form_error_for(&fe, "minutes") != NULL);
	T_CONTAINS(form_error_for(&fe, "text"), "Line 3: an image has no alt");
	T_ASSERT(studio_open(&dc, "vtt-course", STUDIO_OPEN, &sc) == RES_OK &&
	    sc.version == v0);

	/* A good save: a new version, its note kept. */
	e.title = "Watch this first";
	e.minutes = "12";
	e.text = "New text\r\nline two\r\n";
	e.note = "Shorter intro";
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_save(&dc, "vtt-course", "watch-this", "en", &e,
	    &fe, &errs) == RES_OK);
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "en",
	    &sl) == RES_OK);
	T_STREQ(sl.text, "New text\nline two\n");
	T_STREQ(sl.title, "Watch this first");
	T_ASSERT(sl.l->minutes == 12);
	T_ASSERT(sl.sc.version == v0 + 1);

	/* An image with its alt text: stored by digest, referenced. */
	e.image = PNG;
	e.image_len = sizeof(PNG) - 1;
	e.alt = "";
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_save(&dc, "vtt-course", "watch-this", "en", &e,
	    &fe, &errs) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "alt") != NULL);
	e.alt = "A chart [bias] by group";
	e.image = WEBM;
	e.image_len = sizeof(WEBM) - 1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_save(&dc, "vtt-course", "watch-this", "en", &e,
	    &fe, &errs) == RES_INVALID);
	T_CONTAINS(form_error_for(&fe, "image"), "PNG, JPEG and WebP");
	e.image = PNG;
	e.image_len = sizeof(PNG) - 1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_save(&dc, "vtt-course", "watch-this", "en", &e,
	    &fe, &errs) == RES_OK);
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "en",
	    &sl) == RES_OK);
	T_CONTAINS(sl.text, "line two\n\n![A chart \\[bias\\] by group]"
	    "(media/watch-this-");
	T_ASSERT(studio_media_count(&sl.sc.files) == 1);
	e.image = NULL;

	/* The translator: Korean text yes, English and minutes no. */
	dc.user = &translator;
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "en",
	    &sl) == RES_FORBIDDEN);
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "ko",
	    &sl) == RES_OK);
	T_ASSERT(!sl.may_text);
	e.title = "\xeb\xb4\x90";
	e.minutes = "30";
	e.text = "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4\n";
	e.note = NULL;
	T_ASSERT(studio_lesson_save(&dc, "vtt-course", "watch-this", "ko", &e,
	    &fe, &errs) == RES_FORBIDDEN);
	e.minutes = NULL;
	e.image = PNG;
	e.image_len = sizeof(PNG) - 1;
	T_ASSERT(studio_lesson_save(&dc, "vtt-course", "watch-this", "ko", &e,
	    &fe, &errs) == RES_FORBIDDEN);
	e.image = NULL;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_save(&dc, "vtt-course", "watch-this", "ko", &e,
	    &fe, &errs) == RES_OK);
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "ko",
	    &sl) == RES_OK);
	T_STREQ(sl.title, "\xeb\xb4\x90");
	T_ASSERT(sl.l->minutes == 12);

	/* Another course's author learns nothing of this one. */
	dc.user = &stranger;
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "en",
	    &sl) == RES_NOT_FOUND);
	T_ASSERT(studio_lesson_save(&dc, "vtt-course", "watch-this", "en", &e,
	    &fe, &errs) == RES_NOT_FOUND);
	dc.user = &author;
}

static void
test_video(void)
{
	struct studio_upload	 video, caps[2];
	struct studio_lesson	 sl;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	const char		*en, *ko;

	pkg_errors_init(&errs, dc.a, "");
	memset(caps, 0, sizeof(caps));
	video.data = WEBM;
	video.len = sizeof(WEBM) - 1;
	dc.user = &author;
	/* A new video needs captions in both languages. */
	caps[0].data = VTT_EN;
	caps[0].len = sizeof(VTT_EN) - 1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_video(&dc, "vtt-course", "watch-this", &video,
	    caps, 2, NULL, &fe, &errs) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "captions_ko") != NULL);
	/* Bad captions: the line to fix. */
	caps[1].data = "WEBVTT\n\n00:03.000 --> 00:01.000\nx\n";
	caps[1].len = strlen(caps[1].data);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_video(&dc, "vtt-course", "watch-this", &video,
	    caps, 2, NULL, &fe, &errs) == RES_INVALID);
	T_CONTAINS(form_error_for(&fe, "captions_ko"),
	    "Line 3: a cue must end after it starts");
	/* Not a video. */
	caps[1].data = VTT_KO;
	caps[1].len = sizeof(VTT_KO) - 1;
	video.data = PNG;
	video.len = sizeof(PNG) - 1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_video(&dc, "vtt-course", "watch-this", &video,
	    caps, 2, NULL, &fe, &errs) == RES_INVALID);
	T_CONTAINS(form_error_for(&fe, "video"), "WebM and MP4");
	/* The translator may not set the video. */
	video.data = WEBM;
	video.len = sizeof(WEBM) - 1;
	dc.user = &translator;
	T_ASSERT(studio_lesson_video(&dc, "vtt-course", "watch-this", &video,
	    caps, 2, NULL, &fe, &errs) == RES_FORBIDDEN);
	dc.user = &author;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_video(&dc, "vtt-course", "watch-this", &video,
	    caps, 2, "A video", &fe, &errs) == RES_OK);
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "en",
	    &sl) == RES_OK);
	T_ASSERT(sl.l->video != NULL);
	T_CONTAINS(sl.l->video->url, "media/watch-this-");
	T_CONTAINS(sl.l->video->url, ".webm");
	en = pkg_text(&sl.l->video->captions, "en", NULL);
	ko = pkg_text(&sl.l->video->captions, "ko", NULL);
	T_CONTAINS(en, ".en.vtt");
	T_CONTAINS(ko, ".ko.vtt");
	/* The translator replaces the Korean captions alone. */
	dc.user = &translator;
	caps[0].data = NULL;
	caps[1].data = "WEBVTT\n\n00:00.000 --> 00:03.000\nnew\n";
	caps[1].len = strlen(caps[1].data);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_lesson_video(&dc, "vtt-course", "watch-this", NULL,
	    caps, 2, NULL, &fe, &errs) == RES_OK);
	caps[0].data = VTT_EN;
	T_ASSERT(studio_lesson_video(&dc, "vtt-course", "watch-this", NULL,
	    caps, 2, NULL, &fe, &errs) == RES_FORBIDDEN);
	dc.user = &author;
	T_ASSERT(studio_lesson_open(&dc, "vtt-course", "watch-this", "en",
	    &sl) == RES_OK);
	T_STREQ(pkg_text(&sl.l->video->captions, "en", NULL), en);
	T_ASSERT(strcmp(pkg_text(&sl.l->video->captions, "ko", NULL), ko) !=
	    0);
}

static void
run(int pg)
{
	struct db	*db;

	if ((db = tstore_open_run(pg)) == NULL)
		return;
	course_cache_clear();
	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dc.a = arena_new();
	dc.now = 1700000000;
	add_user(&author);
	add_user(&translator);
	add_user(&stranger);
	T_RUN(test_flags);
	T_RUN(test_save_and_rights);
	T_RUN(test_video);
	arena_free(dc.a);
	tstore_close(db);
}

int
main(void)
{
	if (crypto_setup() == -1)
		return (1);
	author.email = "ana@example.org";
	author.display_name = "Ana";
	author.role = "author";
	translator.email = "tae@example.org";
	translator.display_name = "Tae";
	translator.role = "learner";
	stranger.email = "other@example.org";
	stranger.display_name = "Other";
	stranger.role = "author";
	author.verified = translator.verified = stranger.verified = 1;
	T_RUN(test_webvtt_valid);
	T_RUN(test_webvtt_invalid);
	T_RUN(test_webvtt_cues_cap);
	T_RUN(test_media_types);
	T_RUN(test_limits_one_place);
	run(0);
	run(1);
	return (t_done());
}
