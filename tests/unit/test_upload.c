/*
 * test_upload.c: attachment checks: the type comes from the content
 * (PDF, PNG, JPEG magic numbers), never from the name; empty and
 * oversized files are refused; display names are made safe.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/upload.h"
#include "lib/mem.h"
#include "t.h"

static void
test_types_by_content(void)
{
	static const unsigned char png[] = {
		0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13
	};
	static const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16 };
	const char	*why;

	T_STREQ(upload_check("%PDF-1.7\n%...", 13, &why), "application/pdf");
	T_ASSERT(why == NULL);
	T_STREQ(upload_check(png, sizeof(png), &why), "image/png");
	T_STREQ(upload_check(jpg, sizeof(jpg), &why), "image/jpeg");
	/* Names and claims do not matter; near misses are refused. */
	T_ASSERT(upload_check("%PDF", 4, &why) == NULL);
	T_STREQ(why, "Only PDF, PNG and JPEG files are accepted.");
	T_ASSERT(upload_check("%pdf-1.4", 8, &why) == NULL);
	T_ASSERT(upload_check("\x89PNG\r\n\x1a", 7, &why) == NULL);
	T_ASSERT(upload_check("\xff\xd8", 2, &why) == NULL);
	T_ASSERT(upload_check("<html><script>", 14, &why) == NULL);
	T_ASSERT(upload_check("GIF89a", 6, &why) == NULL);
	T_ASSERT(upload_check("PK\x03\x04", 4, &why) == NULL);
	T_ASSERT(upload_check(" %PDF-1.4", 9, &why) == NULL);
}

static void
test_sizes(void)
{
	char		*big;
	const char	*why;

	T_ASSERT(upload_check("", 0, &why) == NULL);
	T_STREQ(why, "The file is empty.");
	T_ASSERT(upload_check(NULL, 10, &why) == NULL);
	big = calloc(1, UPLOAD_MAX_SIZE + 1);
	T_ASSERT(big != NULL);
	memcpy(big, "%PDF-1.4", 8);
	T_STREQ(upload_check(big, UPLOAD_MAX_SIZE, &why), "application/pdf");
	T_ASSERT(upload_check(big, UPLOAD_MAX_SIZE + 1, &why) == NULL);
	T_STREQ(why, "The file is larger than {mb} MB.");
	free(big);
}

static void
test_filenames(void)
{
	struct arena	*a = arena_new();
	char		 longname[400];

	T_STREQ(upload_filename(a, "report.pdf"), "report.pdf");
	T_STREQ(upload_filename(a, "../../etc/passwd"), "passwd");
	T_STREQ(upload_filename(a, "C:\\Users\\me\\evidence.png"),
	    "evidence.png");
	T_STREQ(upload_filename(a, "a\"b<c>d'e\r\n.pdf"), "abcde.pdf");
	T_STREQ(upload_filename(a, "보고서.pdf"), "보고서.pdf");
	T_STREQ(upload_filename(a, "bad\xff\xfe.pdf"), "bad__.pdf");
	T_STREQ(upload_filename(a, ""), "attachment");
	T_STREQ(upload_filename(a, "..."), "attachment");
	T_STREQ(upload_filename(a, "dir/"), "attachment");
	T_STREQ(upload_filename(a, NULL), "attachment");
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	T_ASSERT(strlen(upload_filename(a, longname)) == UPLOAD_NAME_MAX);
	/* A long Korean name is cut on a character boundary. */
	memset(longname, 0, sizeof(longname));
	while (strlen(longname) + 3 < sizeof(longname))
		memcpy(longname + strlen(longname), "한", 4);
	T_ASSERT(strlen(upload_filename(a, longname)) % 3 == 0);
	T_ASSERT(strlen(upload_filename(a, longname)) <= UPLOAD_NAME_MAX);
	arena_free(a);
}

int
main(void)
{
	T_RUN(test_types_by_content);
	T_RUN(test_sizes);
	T_RUN(test_filenames);
	return (t_done());
}
