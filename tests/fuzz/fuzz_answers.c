/*
 * fuzz_answers.c: libFuzzer target for the quiz answer parsers
 * (quiz_grade.h) on a fixed quiz with every question type.
 *
 * The input is split at the first NUL byte (or used whole): the first
 * part is read as form fields, one "name=value" per line, and handed to
 * quiz_answers_from_form(); the whole input is also handed to
 * quiz_answers_decode() as stored answers. Whatever parses is graded and
 * encoded; the encoding must decode again to the same grade and the same
 * text (abort otherwise), and scores must stay within 0..100. The whole
 * input is also read as a whole number (numerals_int): what it reads must
 * read the same again when written in ASCII.
 *
 * Build and run (from the repository root, after make):
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -Isrc tests/fuzz/fuzz_answers.c build/libethica.a -licui18n -licuuc \
 *     -licudata -lm -o fuzz_answers
 *   ./fuzz_answers -max_total_time=60 tests/fuzz/corpus/answers
 * Replay (clang ASan+UBSan, no libFuzzer): tests/fuzz/replay.sh builds
 * with -DFUZZ_REPLAY and passes the corpus files. `make fuzz` fuzzes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/numerals.h"
#include "domain/quiz_grade.h"
#include "lib/mem.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#ifdef FUZZ_REPLAY
int	main(int, char **);
#endif

static struct quiz_option	f_single[] = {
	{ "a", "A", 0 }, { "b", "B", 1 }, { "c", "C", 0 }
};
static struct quiz_option	f_multi[] = {
	{ "a", "A", 1 }, { "b", "B", 0 }, { "c", "C", 1 }
};
static struct quiz_option	f_order[] = {
	{ "x", "X", 0 }, { "y", "Y", 0 }, { "z", "Z", 0 }, { "w", "W", 0 }
};
static const char *const	f_accept[] = { "ram", "준비도 평가 방법론" };
static struct quiz_question	f_questions[] = {
	{ "q1", Q_SINGLE, "", "", f_single, 3, 0, 0, 0, NULL, 0 },
	{ "q2", Q_MULTIPLE, "", "", f_multi, 3, 0, 0, 0, NULL, 0 },
	{ "q3", Q_TRUEFALSE, "", "", NULL, 0, 1, 0, 0, NULL, 0 },
	{ "q4", Q_NUMERIC, "", "", NULL, 0, 0, 193, 0.5, NULL, 0 },
	{ "q5", Q_TEXT, "", "", NULL, 0, 0, 0, 0, f_accept, 2 },
	{ "q6", Q_ORDERING, "", "", f_order, 4, 0, 0, 0, NULL, 0 },
};
static struct quiz		f_quiz = {
	"fz", "Fuzz", 60, 0, 1, f_questions, 6, "en"
};

static void	check(struct arena *, const struct quiz_answers *);

/* Grades, encodes, decodes, grades again: both must agree. */
static void
check(struct arena *a, const struct quiz_answers *ans)
{
	struct quiz_answers	 back;
	struct quiz_result	 r1, r2;
	const char		*why;
	char			*enc, *enc2;

	quiz_grade(&f_quiz, ans, a, &r1);
	if (r1.percent < 0 || r1.percent > 100 || r1.points > r1.max_points)
		abort();
	enc = quiz_answers_encode(&f_quiz, ans, a);
	if (quiz_answers_decode(&f_quiz, enc, a, &back, &why) == -1)
		abort();
	quiz_grade(&f_quiz, &back, a, &r2);
	if (r1.points != r2.points)
		abort();
	enc2 = quiz_answers_encode(&f_quiz, &back, a);
	if (strcmp(enc, enc2) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena		*a;
	struct quiz_field	 f[128];
	struct quiz_answers	 ans;
	const char		*why;
	char			*text, *form, *line, *p, *eq;
	size_t			 nf = 0;
	int			 bad;
	uint64_t		 st;
	struct quiz_order	 o;
	int64_t			 n, again;
	char			 ascii[32];

	a = arena_new();
	text = arena_strndup(a, (const char *)data, len);
	form = arena_strdup(a, text);
	for (p = form; (line = strsep(&p, "\n")) != NULL && nf < 128; ) {
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		f[nf].name = line;
		f[nf].value = eq + 1;
		nf++;
	}
	if (quiz_answers_from_form(&f_quiz, f, nf, a, &ans, &why, &bad) == 0)
		check(a, &ans);
	else if (why == NULL || bad < -1 || bad >= (int)f_quiz.nquestions)
		abort();
	if (quiz_answers_decode(&f_quiz, text, a, &ans, &why) == 0)
		check(a, &ans);
	(void)quiz_text_normalise(a, text);
	if (numerals_int(text, INT64_MIN + 1, INT64_MAX, &n) == 0) {
		(void)snprintf(ascii, sizeof(ascii), "%lld", (long long)n);
		if (numerals_int(ascii, INT64_MIN + 1, INT64_MAX, &again) != 0 ||
		    again != n)
			abort();
	}
	st = len;
	quiz_order_make(&f_quiz, quiz_rng_next(&st), a, &o);
	arena_free(a);
	return (0);
}

#ifdef FUZZ_REPLAY
int
main(int argc, char **argv)
{
	FILE		*fp;
	uint8_t		*buf;
	long		 n;
	int		 i;

	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL ||
		    fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
		    fseek(fp, 0, SEEK_SET) != 0) {
			perror(argv[i]);
			return (1);
		}
		buf = xmalloc((size_t)n + 1);
		if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
			perror(argv[i]);
			return (1);
		}
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, (size_t)n);
		free(buf);
	}
	return (0);
}
#endif
