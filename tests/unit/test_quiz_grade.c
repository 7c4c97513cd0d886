/*
 * test_quiz_grade.c: the grader on hand-built quizzes: every question
 * type right and wrong, numeric tolerance edges, text normalisation
 * (case, spaces, Korean, full-width forms), ordering, the form and
 * stored answer formats with forged and malformed input, and the seeded
 * order (same seed, same order; different seeds, different orders).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/numerals.h"
#include "domain/quiz_grade.h"
#include "lib/mem.h"
#include "t.h"

static struct quiz_option	single_opts[] = {
	{ "a", "Ten", 0 }, { "b", "Twenty", 1 }, { "c", "Thirty", 0 }
};
static struct quiz_option	multi_opts[] = {
	{ "a", "Fairness", 1 }, { "b", "Speed", 0 }, { "c", "Privacy", 1 },
	{ "d", "Profit", 0 }
};
static struct quiz_option	order_opts[] = {
	{ "first", "Scope", 0 }, { "second", "Assess", 0 },
	{ "third", "Mitigate", 0 }, { "fourth", "Monitor", 0 }
};
static const char *const	text_accept[] = {
	"Readiness Assessment Methodology", "RAM", "준비도 평가 방법론"
};
static struct quiz_question	questions[] = {
	{ "q1", Q_SINGLE, "Pick", "fb1", single_opts, 3, 0, 0, 0, NULL, 0 },
	{ "q2", Q_MULTIPLE, "Pick all", "fb2", multi_opts, 4, 0, 0, 0, NULL,
	    0 },
	{ "q3", Q_TRUEFALSE, "True?", "fb3", NULL, 0, 1, 0, 0, NULL, 0 },
	{ "q4", Q_NUMERIC, "How many?", "fb4", NULL, 0, 0, 193, 2, NULL, 0 },
	{ "q5", Q_TEXT, "Name it", "fb5", NULL, 0, 0, 0, 0, text_accept, 3 },
	{ "q6", Q_ORDERING, "Order", "fb6", order_opts, 4, 0, 0, 0, NULL, 0 },
};
static struct quiz		quiz = {
	"m01-quiz", "Quiz", 70, 3, 1, questions, 6, "en"
};

static struct arena	*ta;

static int	 parse(const struct quiz_field *, size_t, struct quiz_answers *,
		    const char **);
static int	 grade_form(const struct quiz_field *, size_t, size_t qi);
static int	 text_ok(const char *);
static int	 num_ok(const char *);

static int
parse(const struct quiz_field *f, size_t n, struct quiz_answers *ans,
    const char **why)
{
	int	bad;

	return (quiz_answers_from_form(&quiz, f, n, ta, ans, why, &bad));
}

/* Parses fields and grades question qi: 1 right, 0 wrong, -1 refused. */
static int
grade_form(const struct quiz_field *f, size_t n, size_t qi)
{
	struct quiz_answers	 ans;
	const char		*why;

	if (parse(f, n, &ans, &why) == -1)
		return (-1);
	return (quiz_grade_question(&questions[qi], &ans.a[qi]));
}

static int
text_ok(const char *s)
{
	struct quiz_field	f[] = { { "q1", "q5" }, { "a1", s } };

	return (grade_form(f, 2, 4));
}

static int
num_ok(const char *s)
{
	struct quiz_field	f[] = { { "q3", "q4" }, { "a3", s } };

	return (grade_form(f, 2, 3));
}

static void
test_single(void)
{
	struct quiz_field	right[] = { { "q2", "q1" }, { "a2", "b" } };
	struct quiz_field	wrong[] = { { "q2", "q1" }, { "a2", "c" } };
	struct quiz_field	none[] = { { "q2", "q1" } };
	struct quiz_field	two[] = { { "q2", "q1" }, { "a2", "b" },
	    { "a2", "c" } };
	struct quiz_field	forged[] = { { "q2", "q1" }, { "a2", "zz" } };

	T_ASSERT(grade_form(right, 2, 0) == 1);
	T_ASSERT(grade_form(wrong, 2, 0) == 0);
	T_ASSERT(grade_form(none, 1, 0) == 0);
	T_ASSERT(grade_form(two, 3, 0) == -1);
	T_ASSERT(grade_form(forged, 2, 0) == -1);
}

static void
test_multiple(void)
{
	struct quiz_field	right[] = { { "q1", "q2" }, { "a1", "c" },
	    { "a1", "a" } };
	struct quiz_field	partial[] = { { "q1", "q2" }, { "a1", "a" } };
	struct quiz_field	extra[] = { { "q1", "q2" }, { "a1", "a" },
	    { "a1", "c" }, { "a1", "b" } };
	struct quiz_field	dup[] = { { "q1", "q2" }, { "a1", "a" },
	    { "a1", "a" } };
	struct quiz_field	forged[] = { { "q1", "q2" }, { "a1", "a" },
	    { "a1", "x" } };

	T_ASSERT(grade_form(right, 3, 1) == 1);
	T_ASSERT(grade_form(partial, 2, 1) == 0);
	T_ASSERT(grade_form(extra, 4, 1) == 0);
	T_ASSERT(grade_form(dup, 3, 1) == -1);
	T_ASSERT(grade_form(forged, 3, 1) == -1);
}

static void
test_truefalse(void)
{
	struct quiz_field	t[] = { { "q1", "q3" }, { "a1", "true" } };
	struct quiz_field	f[] = { { "q1", "q3" }, { "a1", "false" } };
	struct quiz_field	bad[] = { { "q1", "q3" }, { "a1", "yes" } };

	T_ASSERT(grade_form(t, 2, 2) == 1);
	T_ASSERT(grade_form(f, 2, 2) == 0);
	T_ASSERT(grade_form(bad, 2, 2) == -1);
}

static void
test_numeric(void)
{
	double	d;

	T_ASSERT(num_ok("193") == 1);
	T_ASSERT(num_ok("195") == 1);		/* edge: + tolerance */
	T_ASSERT(num_ok("191") == 1);		/* edge: - tolerance */
	T_ASSERT(num_ok("195.000001") == 0);
	T_ASSERT(num_ok("190.99") == 0);
	T_ASSERT(num_ok(" 194,5 ") == 1);	/* decimal comma */
	T_ASSERT(num_ok("１９３") == 1);	/* full-width digits */
	T_ASSERT(num_ok("-193") == 0);
	T_ASSERT(num_ok("") == 0);		/* unanswered */
	T_ASSERT(num_ok("abc") == -1);
	T_ASSERT(num_ok("1e3") == -1);
	T_ASSERT(num_ok("12.") == -1);
	T_ASSERT(num_ok("1234567890123456") == -1);
	T_ASSERT(num_ok("nan") == -1);
	T_ASSERT(num_ok("0x10") == -1);
	T_ASSERT(quiz_parse_number("-3.25", &d) == 0 && d == -3.25);
	T_ASSERT(quiz_parse_number("0.1", &d) == 0 && d == 0.1);
	T_ASSERT(quiz_parse_number("−4", &d) == 0 && d == -4);
	/* Issue 13.14: decimal digits of every script. */
	T_ASSERT(num_ok("١٩٣") == 1);		/* Arabic-Indic */
	T_ASSERT(quiz_parse_number("١٠", &d) == 0 && d == 10);
	T_ASSERT(quiz_parse_number("۱۰", &d) == 0 && d == 10);	/* Persian */
	T_ASSERT(quiz_parse_number("१०", &d) == 0 && d == 10);	/* Devanagari */
	T_ASSERT(quiz_parse_number("১২", &d) == 0 && d == 12);	/* Bengali */
	T_ASSERT(quiz_parse_number("٣٫٥", &d) == 0 && d == 3.5);
	T_ASSERT(quiz_parse_number("-٣,٢٥", &d) == 0 && d == -3.25);
	T_ASSERT(quiz_parse_number("１９３．５", &d) == 0 && d == 193.5);
	/* Numbers that are not decimal digits stay refused. */
	T_ASSERT(quiz_parse_number("Ⅻ", &d) == -1);	/* Roman numeral */
	T_ASSERT(quiz_parse_number("½", &d) == -1);
	T_ASSERT(quiz_parse_number("²", &d) == -1);	/* superscript */
	T_ASSERT(quiz_parse_number("十", &d) == -1);
	T_ASSERT(quiz_parse_number("\xd9", &d) == -1);	/* bad UTF-8 */
	T_ASSERT(quiz_parse_number("１／２", &d) == -1);
}

static void
test_numeric_float_edge(void)
{
	struct quiz_question	q = { "n", Q_NUMERIC, "", "", NULL, 0, 0, 0.3,
	    0.1, NULL, 0 };
	struct quiz_answer	x;

	memset(&x, 0, sizeof(x));
	x.answered = 1;
	x.num = 0.2;		/* 0.3 - 0.1: binary rounding must not fail */
	T_ASSERT(quiz_grade_question(&q, &x) == 1);
	x.num = 0.4;
	T_ASSERT(quiz_grade_question(&q, &x) == 1);
	x.num = 0.41;
	T_ASSERT(quiz_grade_question(&q, &x) == 0);
	q.tolerance = 0;
	x.num = 0.1 + 0.2;
	T_ASSERT(quiz_grade_question(&q, &x) == 1);
}

static void
test_text(void)
{
	T_ASSERT(text_ok("ram") == 1);
	T_ASSERT(text_ok("  Readiness   assessment\tMETHODOLOGY. ") == 1);
	T_ASSERT(text_ok("ＲＡＭ") == 1);		/* full-width */
	T_ASSERT(text_ok("준비도 평가 방법론") == 1);
	T_ASSERT(text_ok("준비도　평가  방법론") == 1);	/* U+3000 */
	/* Hangul as conjoining jamo (NFD) compose to the same syllables. */
	T_ASSERT(text_ok("\xe1\x84\x8c\xe1\x85\xae\xe1\x86\xab"
	    "\xe1\x84\x87\xe1\x85\xb5"
	    "\xe1\x84\x83\xe1\x85\xa9 평가 방법론") == 1);
	T_ASSERT(text_ok("readiness") == 0);
	T_ASSERT(text_ok("준비도평가방법론") == 0);
	T_ASSERT(text_ok("   ") == 0);		/* unanswered */
	T_ASSERT(text_ok("\xff\xfe") == -1);	/* invalid UTF-8 */
}

static void
test_normalise(void)
{
	T_STREQ(quiz_text_normalise(ta, "  Hello\t\n World!  "),
	    "hello world");
	T_STREQ(quiz_text_normalise(ta, "ＡＢＣ　ｄｅｆ"), "abc def");
	T_STREQ(quiz_text_normalise(ta, "Straße"), "strasse");
	T_STREQ(quiz_text_normalise(ta, "e\xcc\x81"), "\xc3\xa9");
	T_STREQ(quiz_text_normalise(ta, "인공지능 윤리。"), "인공지능 윤리");
	T_STREQ(quiz_text_normalise(ta, ""), "");
	T_ASSERT(quiz_text_normalise(ta, "\xc3") == NULL);
}

static void
test_ordering(void)
{
	struct quiz_field	right[] = { { "q4", "q6" },
	    { "a4", "third:3" }, { "a4", "first:1" }, { "a4", "fourth:4" },
	    { "a4", "second:2" } };
	struct quiz_field	wrong[] = { { "q4", "q6" },
	    { "a4", "first:2" }, { "a4", "second:1" }, { "a4", "third:3" },
	    { "a4", "fourth:4" } };
	struct quiz_field	samepos[] = { { "q4", "q6" },
	    { "a4", "first:1" }, { "a4", "second:1" }, { "a4", "third:3" },
	    { "a4", "fourth:4" } };
	struct quiz_field	missing[] = { { "q4", "q6" },
	    { "a4", "first:1" }, { "a4", "second:2" } };
	struct quiz_field	range[] = { { "q4", "q6" },
	    { "a4", "first:5" } };
	struct quiz_field	junk[] = { { "q4", "q6" }, { "a4", "first" } };
	struct quiz_field	none[] = { { "q4", "q6" } };

	T_ASSERT(grade_form(right, 5, 5) == 1);
	T_ASSERT(grade_form(wrong, 5, 5) == 0);
	T_ASSERT(grade_form(samepos, 5, 5) == -1);
	T_ASSERT(grade_form(missing, 3, 5) == -1);
	T_ASSERT(grade_form(range, 2, 5) == -1);
	T_ASSERT(grade_form(junk, 2, 5) == -1);
	T_ASSERT(grade_form(none, 1, 5) == 0);
}

static void
test_forged_questions(void)
{
	struct quiz_field	unknown[] = { { "q1", "q99" }, { "a1", "b" } };
	struct quiz_field	orphan[] = { { "a7", "b" } };
	struct quiz_field	twice[] = { { "q1", "q1" }, { "q2", "q1" } };
	struct quiz_field	ok[] = { { "q1", "q1" }, { "a1", "b" },
	    { "csrf", "x" }, { "q0", "zz" }, { "a51", "zz" } };
	struct quiz_answers	ans;
	const char		*why;

	T_ASSERT(parse(unknown, 2, &ans, &why) == -1 && why != NULL);
	T_ASSERT(parse(orphan, 1, &ans, &why) == -1);
	T_ASSERT(parse(twice, 2, &ans, &why) == -1);
	/* Names that are not qN/aN with 1 <= N <= 50 are not ours. */
	T_ASSERT(parse(ok, 5, &ans, &why) == 0);
}

static void
test_whole_quiz_and_roundtrip(void)
{
	struct quiz_field	f[] = {
		{ "q1", "q6" }, { "q2", "q5" }, { "q3", "q4" },
		{ "q4", "q3" }, { "q5", "q2" }, { "q6", "q1" },
		{ "a1", "first:1" }, { "a1", "second:2" },
		{ "a1", "fourth:3" }, { "a1", "third:4" },
		{ "a2", "Ram" }, { "a3", "194.5" }, { "a4", "true" },
		{ "a5", "c" }, { "a5", "a" }, { "a6", "b" }
	};
	struct quiz_answers	ans, back;
	struct quiz_result	r, r2;
	const char		*why;
	char			*enc;

	T_ASSERT(parse(f, 16, &ans, &why) == 0);
	quiz_grade(&quiz, &ans, ta, &r);
	T_ASSERT(r.points == 5 && r.max_points == 6 && r.percent == 83);
	T_ASSERT(r.passed);
	T_ASSERT(r.correct[5] == 0 && r.correct[0] == 1);
	enc = quiz_answers_encode(&quiz, &ans, ta);
	T_STREQ(enc, "q1=b\nq2=a,c\nq3=true\nq4=194.5\nq5=Ram\n"
	    "q6=first,second,fourth,third\n");
	T_ASSERT(quiz_answers_decode(&quiz, enc, ta, &back, &why) == 0);
	quiz_grade(&quiz, &back, ta, &r2);
	T_ASSERT(r2.points == r.points);
	T_STREQ(quiz_answers_encode(&quiz, &back, ta), enc);
	/* Stored lines of removed questions are skipped; junk refused. */
	T_ASSERT(quiz_answers_decode(&quiz, "old=x\nq1=b\n", ta, &back,
	    &why) == 0 && back.a[0].answered);
	T_ASSERT(quiz_answers_decode(&quiz, "q1=b", ta, &back, &why) == -1);
	T_ASSERT(quiz_answers_decode(&quiz, "q1\n", ta, &back, &why) == -1);
	T_ASSERT(quiz_answers_decode(&quiz, "q1=b\nq1=b\n", ta, &back,
	    &why) == -1);
	T_ASSERT(quiz_answers_decode(&quiz, "q2=a,,c\n", ta, &back,
	    &why) == -1);
	T_ASSERT(quiz_answers_decode(&quiz, "q6=first\n", ta, &back,
	    &why) == -1);
	T_ASSERT(quiz_answers_decode(&quiz, "", ta, &back, &why) == 0);
}

/* Issue 13.2: the per-question result is stored with the attempt and read
 * back as it was, never graded again. */
static void
test_results_stored(void)
{
	struct quiz_result	r;
	int			*c;
	char			*enc;
	int			 right[6] = { 1, 0, 1, 1, 0, 1 };

	memset(&r, 0, sizeof(r));
	r.correct = right;
	enc = quiz_results_encode(&quiz, &r, ta);
	T_STREQ(enc, "q1=1\nq2=0\nq3=1\nq4=1\nq5=0\nq6=1\n");
	T_ASSERT(quiz_results_decode(&quiz, enc, ta, &c) == 0);
	T_ASSERT(c[0] == 1 && c[1] == 0 && c[2] == 1 && c[3] == 1 &&
	    c[4] == 0 && c[5] == 1);
	/* A question since removed is skipped; one since added is 0. */
	T_ASSERT(quiz_results_decode(&quiz, "gone=1\nq5=1\n", ta, &c) == 0);
	T_ASSERT(c[4] == 1 && c[0] == 0 && c[5] == 0);
	/* Nothing stored (an attempt graded before), or junk: -1. */
	T_ASSERT(quiz_results_decode(&quiz, "", ta, &c) == -1);
	T_ASSERT(quiz_results_decode(&quiz, "q1=2\n", ta, &c) == -1);
	T_ASSERT(quiz_results_decode(&quiz, "q1=1", ta, &c) == -1);
	T_ASSERT(quiz_results_decode(&quiz, "q1=10\n", ta, &c) == -1);
	T_ASSERT(quiz_results_decode(&quiz, "q1\n", ta, &c) == -1);
}

static void
test_pass_mark(void)
{
	T_ASSERT(quiz_passes(7, 10, 70) == 1);
	T_ASSERT(quiz_passes(6, 10, 70) == 0);
	T_ASSERT(quiz_passes(2, 3, 67) == 0);	/* 66.67 % < 67 */
	T_ASSERT(quiz_passes(2, 3, 66) == 1);
	T_ASSERT(quiz_passes(0, 5, 0) == 1);
	T_ASSERT(quiz_passes(5, 5, 100) == 1);
	T_ASSERT(quiz_passes(0, 0, 100) == 1);
}

static void
test_shuffle(void)
{
	struct quiz_order	o1, o2, o3;
	size_t			i, k, diff = 0, seen;
	uint64_t		st = 42, seed;
	int			ident;

	quiz_order_make(&quiz, 12345, ta, &o1);
	quiz_order_make(&quiz, 12345, ta, &o2);
	T_ASSERT(o1.n == 6);
	for (i = 0; i < o1.n; i++) {
		T_ASSERT(o1.qpos[i] == o2.qpos[i]);
		for (k = 0; k < questions[i].noptions; k++)
			T_ASSERT(o1.opos[i][k] == o2.opos[i][k]);
	}
	/* A permutation: every question shown once. */
	for (i = 0, seen = 0; i < o1.n; i++)
		seen |= (size_t)1 << o1.qpos[i];
	T_ASSERT(seen == 0x3f);
	/* Other seeds give other orders, and the ordering question never
	 * starts solved. */
	for (seed = 1; seed <= 200; seed++) {
		quiz_order_make(&quiz, seed, ta, &o3);
		for (i = 0; i < o3.n; i++)
			if (o3.qpos[i] != o1.qpos[i]) {
				diff++;
				break;
			}
		for (k = 0, ident = 1; k < 4; k++)
			if (o3.opos[5][k] != k)
				ident = 0;
		T_ASSERT(!ident);
	}
	T_ASSERT(diff > 150);
	/* splitmix64 reference values for state 0 (first outputs). */
	st = 0;
	T_ASSERT(quiz_rng_next(&st) == 0xe220a8397b1dcdafULL);
	T_ASSERT(quiz_rng_next(&st) == 0x6e789e6aa1b965f4ULL);
	for (i = 0; i < 1000; i++)
		T_ASSERT(quiz_rng_below(&st, 7) < 7);
	T_ASSERT(quiz_rng_below(&st, 1) == 0);
}

/* Issue 20.5: whole numbers typed in any script's digits (form fields,
 * query parameters), with their bounds. */
static void
test_numerals_int(void)
{
	int64_t	v = 77;

	T_ASSERT(numerals_int("2024", 0, 9999, &v) == 0 && v == 2024);
	T_ASSERT(numerals_int("٢٠٢٤", 0, 9999, &v) == 0 && v == 2024);
	T_ASSERT(numerals_int("۲۰۲۴", 0, 9999, &v) == 0 && v == 2024);
	T_ASSERT(numerals_int("２０２４", 0, 9999, &v) == 0 && v == 2024);
	T_ASSERT(numerals_int("-٣", -5, 5, &v) == 0 && v == -3);
	T_ASSERT(numerals_int("+٣", -5, 5, &v) == 0 && v == 3);
	T_ASSERT(numerals_int("٣", 1, 10, &v) == 0 && v == 3);
	v = 77;
	T_ASSERT(numerals_int("١١", 1, 10, &v) == -1 && v == 77);
	T_ASSERT(numerals_int("0", 1, 10, &v) == -1 && v == 77);
	T_ASSERT(numerals_int("", 0, 10, &v) == -1);
	T_ASSERT(numerals_int("-", -10, 10, &v) == -1);
	T_ASSERT(numerals_int(NULL, 0, 10, &v) == -1);
	T_ASSERT(numerals_int(" 3", 0, 10, &v) == -1);
	T_ASSERT(numerals_int("3.0", 0, 10, &v) == -1);
	T_ASSERT(numerals_int("٣٫٥", 0, 10, &v) == -1);
	T_ASSERT(numerals_int("十", 0, 100, &v) == -1);
	T_ASSERT(numerals_int("\xd9\xa3\xd9", 0, 100, &v) == -1);
	T_ASSERT(numerals_int("123456789012345678", 0, INT64_MAX, &v) == 0 &&
	    v == 123456789012345678LL);
	T_ASSERT(numerals_int("1234567890123456789", 0, INT64_MAX, &v) == -1);
	T_ASSERT(v == 123456789012345678LL);
}

int
main(void)
{
	ta = arena_new();
	T_RUN(test_single);
	T_RUN(test_multiple);
	T_RUN(test_truefalse);
	T_RUN(test_numeric);
	T_RUN(test_numeric_float_edge);
	T_RUN(test_numerals_int);
	T_RUN(test_text);
	T_RUN(test_normalise);
	T_RUN(test_ordering);
	T_RUN(test_forged_questions);
	T_RUN(test_whole_quiz_and_roundtrip);
	T_RUN(test_results_stored);
	T_RUN(test_pass_mark);
	T_RUN(test_shuffle);
	arena_free(ta);
	return (t_done());
}
