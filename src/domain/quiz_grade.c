/*
 * quiz_grade.c: answers as given, graded (see quiz_grade.h). Owns the
 * answer formats (form fields and stored text), the grading rule of every
 * question type, text normalisation (ICU) and the seeded order of an
 * attempt. Never touches storage, never trusts its input: every id is
 * looked up in the quiz, every number and position is range-checked.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "domain/numerals.h"
#include "domain/quiz_grade.h"
#include "lib/buf.h"
#include "lib/mem.h"

#define QUIZ_NONE	((size_t)-1)
#ifndef N_
#define N_(s)	(s)	/* marks msgids for xgettext */
#endif

static const char *const MSG_UNKNOWN_Q =
    N_("This answer names a question that is not in this quiz.");
static const char *const MSG_UNKNOWN_OPT =
    N_("This answer names an option that is not in this question.");
static const char *const MSG_TWICE =
    N_("A question was answered more than once.");
static const char *const MSG_NOT_NUMBER =
    N_("Enter a number, for example 12 or 3.5.");
static const char *const MSG_POSITIONS =
    N_("Give every item its own position, from first to last.");
static const char *const MSG_MALFORMED =
    N_("This answer is not in a form we understand.");

static int	field_pos(const char *name, char kind);
static int	add_single(const struct quiz_question *, struct quiz_answer *,
		    const char *, const char **);
static int	add_bool(struct quiz_answer *, const char *, const char **);
static int	add_multi(const struct quiz_question *, struct quiz_answer *,
		    const char *, const char **);
static int	add_order(const struct quiz_question *, struct quiz_answer *,
		    const char *, long, const char **);
static int	add_num(struct quiz_answer *, const char *, const char **);
static int	add_text(struct quiz_answer *, const char *, struct arena *,
		    const char **);
static int	form_value(const struct quiz_question *, struct quiz_answer *,
		    const char *, struct arena *, const char **);
static int	stored_value(const struct quiz_question *,
		    struct quiz_answer *, const char *, struct arena *,
		    const char **);
static int	finish(const struct quiz_question *, struct quiz_answer *,
		    const char **);
static void	answers_init(const struct quiz *, struct arena *,
		    struct quiz_answers *);
static int	all_blank(const char *);
static int	quiz_fits(const struct quiz *);
static uint64_t	fnv1a64(const char *);
static void	shuffle(size_t *, size_t, uint64_t *);

/* "q12" with kind 'q' gives 12; anything else 0. */
static int
field_pos(const char *name, char kind)
{
	int	n;

	if (name[0] != kind || name[1] < '1' || name[1] > '9')
		return (0);
	n = name[1] - '0';
	if (name[2] != '\0') {
		if (name[2] < '0' || name[2] > '9' || name[3] != '\0')
			return (0);
		n = n * 10 + (name[2] - '0');
	}
	return (n <= QUIZ_MAX_QUESTIONS ? n : 0);
}

/* 1 when the quiz is within the limits the answer arrays assume. */
static int
quiz_fits(const struct quiz *qz)
{
	size_t	i;

	if (qz->nquestions > QUIZ_MAX_QUESTIONS)
		return (0);
	for (i = 0; i < qz->nquestions; i++)
		if (qz->questions[i].noptions > QUIZ_MAX_OPTIONS)
			return (0);
	return (1);
}

static void
answers_init(const struct quiz *qz, struct arena *a, struct quiz_answers *out)
{
	size_t	i, k;

	out->n = qz->nquestions;
	out->a = arena_alloc(a, sizeof(*out->a) * (out->n ? out->n : 1));
	for (i = 0; i < out->n; i++)
		for (k = 0; k < QUIZ_MAX_OPTIONS; k++)
			out->a[i].opt[k] = QUIZ_NONE;
}

static int
add_single(const struct quiz_question *q, struct quiz_answer *ans,
    const char *v, const char **why)
{
	int	o;

	if ((o = quiz_option_index(q, v)) == -1) {
		*why = MSG_UNKNOWN_OPT;
		return (-1);
	}
	if (ans->answered) {
		*why = MSG_TWICE;
		return (-1);
	}
	ans->opt[0] = (size_t)o;
	ans->nopt = 1;
	ans->answered = 1;
	return (0);
}

static int
add_bool(struct quiz_answer *ans, const char *v, const char **why)
{
	if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0) {
		*why = MSG_UNKNOWN_OPT;
		return (-1);
	}
	if (ans->answered) {
		*why = MSG_TWICE;
		return (-1);
	}
	ans->boolval = v[0] == 't';
	ans->answered = 1;
	return (0);
}

static int
add_multi(const struct quiz_question *q, struct quiz_answer *ans,
    const char *v, const char **why)
{
	size_t	i, j;
	int	o;

	if ((o = quiz_option_index(q, v)) == -1) {
		*why = MSG_UNKNOWN_OPT;
		return (-1);
	}
	for (i = 0; i < ans->nopt; i++) {
		if (ans->opt[i] == (size_t)o) {
			*why = MSG_TWICE;
			return (-1);
		}
	}
	/* Keep the set in quiz order (insertion). */
	for (i = ans->nopt; i > 0 && ans->opt[i - 1] > (size_t)o; i--)
		;
	for (j = ans->nopt; j > i; j--)
		ans->opt[j] = ans->opt[j - 1];
	ans->opt[i] = (size_t)o;
	ans->nopt++;
	ans->answered = 1;
	return (0);
}

/* Puts option id at position pos (1-based); opt[] is by position. */
static int
add_order(const struct quiz_question *q, struct quiz_answer *ans,
    const char *id, long pos, const char **why)
{
	size_t	i;
	int	o;

	if ((o = quiz_option_index(q, id)) == -1) {
		*why = MSG_UNKNOWN_OPT;
		return (-1);
	}
	if (pos >= 1 && (size_t)pos <= q->noptions && ans->chosen[o] == 0)
		ans->chosen[o] = (unsigned char)pos;
	if (pos < 1 || (size_t)pos > q->noptions) {
		*why = MSG_POSITIONS;
		return (-1);
	}
	for (i = 0; i < q->noptions; i++) {
		if (ans->opt[i] == (size_t)o) {
			*why = MSG_TWICE;
			return (-1);
		}
	}
	if (ans->opt[pos - 1] != QUIZ_NONE) {
		*why = MSG_POSITIONS;
		return (-1);
	}
	ans->opt[pos - 1] = (size_t)o;
	ans->nopt++;
	return (0);
}

static int
add_num(struct quiz_answer *ans, const char *v, const char **why)
{
	if (all_blank(v))
		return (0);
	if (ans->answered) {
		*why = MSG_TWICE;
		return (-1);
	}
	if (quiz_parse_number(v, &ans->num) == -1) {
		*why = MSG_NOT_NUMBER;
		return (-1);
	}
	ans->answered = 1;
	return (0);
}

static int
add_text(struct quiz_answer *ans, const char *v, struct arena *a,
    const char **why)
{
	const char	*norm;
	char		*t;
	size_t		 i;

	if (strlen(v) > QUIZ_MAX_TEXT) {
		*why = N_("This answer is too long.");
		return (-1);
	}
	/* Control characters become spaces, so stored lines stay lines. */
	t = arena_strdup(a, v);
	for (i = 0; t[i] != '\0'; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f)
			t[i] = ' ';
	if ((norm = quiz_text_normalise(a, t)) == NULL) {
		*why = MSG_MALFORMED;
		return (-1);
	}
	if (*norm == '\0')
		return (0);	/* only spaces: not answered */
	if (ans->answered) {
		*why = MSG_TWICE;
		return (-1);
	}
	ans->text = t;
	ans->answered = 1;
	return (0);
}

/* One form value for question q. */
static int
form_value(const struct quiz_question *q, struct quiz_answer *ans,
    const char *v, struct arena *a, const char **why)
{
	const char	*colon;
	char		*id, *end;
	long		 pos;

	if (*v == '\0' && q->type != Q_NUMERIC && q->type != Q_TEXT)
		return (0);
	switch (q->type) {
	case Q_SINGLE:
		return (add_single(q, ans, v, why));
	case Q_TRUEFALSE:
		return (add_bool(ans, v, why));
	case Q_MULTIPLE:
		return (add_multi(q, ans, v, why));
	case Q_NUMERIC:
		return (add_num(ans, v, why));
	case Q_TEXT:
		return (add_text(ans, v, a, why));
	case Q_ORDERING:
		if ((colon = strrchr(v, ':')) == NULL || colon[1] == '\0' ||
		    strlen(colon + 1) > 3) {
			*why = MSG_MALFORMED;
			return (-1);
		}
		pos = strtol(colon + 1, &end, 10);
		if (*end != '\0' || colon[1] < '0' || colon[1] > '9') {
			*why = MSG_MALFORMED;
			return (-1);
		}
		id = arena_strndup(a, v, (size_t)(colon - v));
		return (add_order(q, ans, id, pos, why));
	}
	*why = MSG_MALFORMED;
	return (-1);
}

/* One stored payload for question q (lists split on ','). */
static int
stored_value(const struct quiz_question *q, struct quiz_answer *ans,
    const char *v, struct arena *a, const char **why)
{
	const char	*p, *comma;
	char		*id;
	long		 pos;

	if (q->type != Q_MULTIPLE && q->type != Q_ORDERING)
		return (form_value(q, ans, v, a, why));
	if (*v == '\0') {
		*why = MSG_MALFORMED;
		return (-1);
	}
	for (p = v, pos = 1; ; pos++) {
		comma = strchr(p, ',');
		id = arena_strndup(a, p, comma ? (size_t)(comma - p) :
		    strlen(p));
		if (q->type == Q_MULTIPLE) {
			if (add_multi(q, ans, id, why) == -1)
				return (-1);
		} else if (add_order(q, ans, id, pos, why) == -1)
			return (-1);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return (0);
}

/* Completes an answer after all its values: ordering must be whole. */
static int
finish(const struct quiz_question *q, struct quiz_answer *ans,
    const char **why)
{
	if (q->type != Q_ORDERING || ans->nopt == 0)
		return (0);
	if (ans->nopt != q->noptions) {
		*why = MSG_POSITIONS;
		return (-1);
	}
	ans->answered = 1;
	return (0);
}

int
quiz_answers_from_form(const struct quiz *qz, const struct quiz_field *f,
    size_t nf, struct arena *a, struct quiz_answers *out, const char **why,
    int *bad_q)
{
	int		 posq[QUIZ_MAX_QUESTIONS + 1];
	char		*seen;
	const char	*w;
	size_t		 i;
	int		 n, k;

	*why = NULL;
	*bad_q = -1;
	answers_init(qz, a, out);
	if (!quiz_fits(qz)) {
		*why = MSG_MALFORMED;
		return (-1);
	}
	seen = arena_alloc(a, qz->nquestions + 1);
	for (n = 0; n <= QUIZ_MAX_QUESTIONS; n++)
		posq[n] = -1;
	for (i = 0; i < nf; i++) {
		if ((n = field_pos(f[i].name, 'q')) == 0)
			continue;
		if ((k = quiz_question_index(qz, f[i].value)) == -1) {
			*why = MSG_UNKNOWN_Q;
			return (-1);
		}
		if (posq[n] != -1 || seen[k]) {
			*why = MSG_TWICE;
			return (-1);
		}
		posq[n] = k;
		seen[k] = 1;
	}
	for (i = 0; i < nf; i++) {
		if ((n = field_pos(f[i].name, 'a')) == 0)
			continue;
		if ((k = posq[n]) == -1) {
			if (*why == NULL)
				*why = MSG_UNKNOWN_Q;
			continue;
		}
		w = NULL;
		if (form_value(&qz->questions[k], &out->a[k], f[i].value, a,
		    &w) == -1 && *why == NULL) {
			*why = w;
			*bad_q = k;
		}
	}
	for (i = 0; i < qz->nquestions; i++) {
		w = NULL;
		if (finish(&qz->questions[i], &out->a[i], &w) == -1 &&
		    *why == NULL) {
			*why = w;
			*bad_q = (int)i;
		}
	}
	return (*why == NULL ? 0 : -1);
}

char *
quiz_answers_encode(const struct quiz *qz, const struct quiz_answers *ans,
    struct arena *a)
{
	const struct quiz_question	*q;
	const struct quiz_answer	*x;
	struct buf			 b;
	size_t				 i, k;

	buf_init(&b);
	buf_puts(&b, "");
	for (i = 0; i < qz->nquestions && i < ans->n; i++) {
		q = &qz->questions[i];
		x = &ans->a[i];
		if (!x->answered)
			continue;
		buf_appendf(&b, "%s=", q->id);
		switch (q->type) {
		case Q_SINGLE:
		case Q_MULTIPLE:
		case Q_ORDERING:
			for (k = 0; k < x->nopt; k++)
				buf_appendf(&b, "%s%s", k ? "," : "",
				    q->options[x->opt[k]].id);
			break;
		case Q_TRUEFALSE:
			buf_puts(&b, x->boolval ? "true" : "false");
			break;
		case Q_NUMERIC:
			buf_appendf(&b, "%.15g", x->num);
			break;
		case Q_TEXT:
			buf_puts(&b, x->text);
			break;
		}
		buf_putc(&b, '\n');
	}
	return (buf_to_arena(&b, a));
}

int
quiz_answers_decode(const struct quiz *qz, const char *text, struct arena *a,
    struct quiz_answers *out, const char **why)
{
	const char	*p, *nl, *eq;
	char		*line, *seen;
	int		 k;

	*why = NULL;
	answers_init(qz, a, out);
	if (!quiz_fits(qz)) {
		*why = MSG_MALFORMED;
		return (-1);
	}
	seen = arena_alloc(a, qz->nquestions + 1);
	for (p = text; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL) {
			*why = MSG_MALFORMED;
			return (-1);
		}
		line = arena_strndup(a, p, (size_t)(nl - p));
		if ((eq = strchr(line, '=')) == NULL) {
			*why = MSG_MALFORMED;
			return (-1);
		}
		line[eq - line] = '\0';
		if ((k = quiz_question_index(qz, line)) == -1)
			continue;
		if (seen[k]) {
			*why = MSG_TWICE;
			return (-1);
		}
		seen[k] = 1;
		if (stored_value(&qz->questions[k], &out->a[k], eq + 1, a,
		    why) == -1 || finish(&qz->questions[k], &out->a[k],
		    why) == -1)
			return (-1);
	}
	return (0);
}

int
quiz_grade_question(const struct quiz_question *q,
    const struct quiz_answer *x)
{
	struct arena	*a;
	size_t		 i, k;
	double		 eps;
	int		 ok;

	if (x == NULL || !x->answered || q->noptions > QUIZ_MAX_OPTIONS)
		return (0);
	switch (q->type) {
	case Q_SINGLE:
		return (x->nopt == 1 && x->opt[0] < q->noptions &&
		    q->options[x->opt[0]].correct);
	case Q_MULTIPLE:
		for (i = 0, k = 0; i < q->noptions; i++) {
			if (!q->options[i].correct)
				continue;
			if (k >= x->nopt || x->opt[k] != i)
				return (0);
			k++;
		}
		return (k == x->nopt);
	case Q_TRUEFALSE:
		return ((x->boolval != 0) == (q->answer_bool != 0));
	case Q_NUMERIC:
		eps = 1e-9 * fmax(1.0, fabs(q->answer_num));
		return (fabs(x->num - q->answer_num) <= fabs(q->tolerance) +
		    eps);
	case Q_TEXT:
		a = arena_new();
		ok = quiz_text_matches(a, q, x->text);
		arena_free(a);
		return (ok);
	case Q_ORDERING:
		if (x->nopt != q->noptions)
			return (0);
		for (i = 0; i < q->noptions; i++)
			if (x->opt[i] != i)
				return (0);
		return (1);
	}
	return (0);
}

int
quiz_passes(int points, int max_points, int pass_mark)
{
	if (max_points <= 0)
		return (1);
	return ((int64_t)points * 100 >= (int64_t)pass_mark * max_points);
}

void
quiz_grade(const struct quiz *qz, const struct quiz_answers *ans,
    struct arena *a, struct quiz_result *r)
{
	size_t	i;

	memset(r, 0, sizeof(*r));
	r->correct = arena_alloc(a, sizeof(int) * (qz->nquestions + 1));
	for (i = 0; i < qz->nquestions; i++) {
		r->correct[i] = quiz_grade_question(&qz->questions[i],
		    i < ans->n ? &ans->a[i] : NULL);
		r->points += r->correct[i];
	}
	r->max_points = (int)qz->nquestions;
	r->percent = r->max_points ? r->points * 100 / r->max_points : 100;
	r->passed = quiz_passes(r->points, r->max_points, qz->pass_mark);
}

char *
quiz_results_encode(const struct quiz *qz, const struct quiz_result *r,
    struct arena *a)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_puts(&b, "");
	for (i = 0; i < qz->nquestions; i++)
		buf_appendf(&b, "%s=%d\n", qz->questions[i].id,
		    r->correct != NULL && r->correct[i] ? 1 : 0);
	return (buf_to_arena(&b, a));
}

int
quiz_results_decode(const struct quiz *qz, const char *text, struct arena *a,
    int **correct)
{
	const char	*p, *nl, *eq;
	char		*id;
	int		 k;

	*correct = arena_alloc(a, sizeof(int) * (qz->nquestions + 1));
	if (text == NULL || *text == '\0')
		return (-1);
	for (p = text; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL ||
		    (eq = memchr(p, '=', (size_t)(nl - p))) == NULL ||
		    nl - eq != 2 || (eq[1] != '0' && eq[1] != '1'))
			return (-1);
		id = arena_strndup(a, p, (size_t)(eq - p));
		if ((k = quiz_question_index(qz, id)) != -1)
			(*correct)[k] = eq[1] == '1';
	}
	return (0);
}

static int
all_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return (0);
	return (1);
}

char *
quiz_text_normalise(struct arena *a, const char *s)
{
	const UNormalizer2	*n2;
	UErrorCode		 e;
	UChar			*u = NULL, *v = NULL, *w = NULL;
	int32_t			 ulen, vlen, i, wlen, olen;
	UChar32			 c;
	char			*out = NULL;
	int			 space;
	size_t			 len;

	len = strlen(s);
	if (len > 65536)
		return (NULL);
	e = U_ZERO_ERROR;
	u = xmalloc((len + 1) * sizeof(UChar));
	u_strFromUTF8(u, (int32_t)len + 1, &ulen, s, (int32_t)len, &e);
	if (U_FAILURE(e))
		goto out;
	if ((n2 = unorm2_getNFKCCasefoldInstance(&e)) == NULL || U_FAILURE(e))
		goto out;
	vlen = unorm2_normalize(n2, u, ulen, NULL, 0, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		goto out;
	e = U_ZERO_ERROR;
	v = xmalloc(((size_t)vlen + 1) * sizeof(UChar));
	vlen = unorm2_normalize(n2, u, ulen, v, vlen + 1, &e);
	if (U_FAILURE(e))
		goto out;
	/* Collapse white space runs, trim both ends. */
	w = xmalloc(((size_t)vlen + 1) * sizeof(UChar));
	for (i = 0, wlen = 0, space = 0; i < vlen; ) {
		U16_NEXT(v, i, vlen, c);
		if (u_isUWhiteSpace(c) || c == 0x200B) {
			space = 1;
			continue;
		}
		if (space && wlen > 0)
			w[wlen++] = ' ';
		space = 0;
		U16_APPEND_UNSAFE(w, wlen, c);
	}
	/* One final sentence mark, and the space before it. */
	if (wlen > 0 && (w[wlen - 1] == '.' || w[wlen - 1] == '!' ||
	    w[wlen - 1] == '?' || w[wlen - 1] == 0x3002)) {
		wlen--;
		if (wlen > 0 && w[wlen - 1] == ' ')
			wlen--;
	}
	e = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &olen, w, wlen, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		goto out;
	e = U_ZERO_ERROR;
	out = arena_alloc(a, (size_t)olen + 1);
	u_strToUTF8(out, olen + 1, &olen, w, wlen, &e);
	if (U_FAILURE(e))
		out = NULL;
out:
	free(u);
	free(v);
	free(w);
	return (out);
}

int
quiz_text_matches(struct arena *a, const struct quiz_question *q,
    const char *text)
{
	const char	*t, *acc;
	size_t		 i;

	if (text == NULL || (t = quiz_text_normalise(a, text)) == NULL ||
	    *t == '\0')
		return (0);
	for (i = 0; i < q->naccept; i++) {
		acc = quiz_text_normalise(a, q->accept[i]);
		if (acc != NULL && strcmp(acc, t) == 0)
			return (1);
	}
	return (0);
}

int
quiz_parse_number(const char *s, double *out)
{
	char		 b[64], *p;
	int64_t		 ip = 0, scale = 1;
	int		 neg = 0, digits = 0, frac = 0;

	if (numerals_ascii(s, b, sizeof(b)) == (size_t)-1)
		return (-1);
	for (p = b; *p == ' ' || *p == '\t'; p++)
		;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return (-1);
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		if (digits >= 15)
			return (-1);
		ip = ip * 10 + (*p - '0');
	}
	if (*p == '.' || *p == ',') {
		p++;
		if (*p < '0' || *p > '9')
			return (-1);
		for (; *p >= '0' && *p <= '9'; p++, digits++, frac++) {
			if (digits >= 15)
				return (-1);
			ip = ip * 10 + (*p - '0');
			scale *= 10;
		}
	}
	for (; *p == ' ' || *p == '\t'; p++)
		;
	if (*p != '\0')
		return (-1);
	*out = (double)ip / (double)scale;
	if (neg)
		*out = -*out;
	return (0);
}

uint64_t
quiz_rng_next(uint64_t *state)
{
	uint64_t	z;

	z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

uint64_t
quiz_rng_below(uint64_t *state, uint64_t n)
{
	uint64_t	x, limit;

	if (n <= 1)
		return (0);
	/* Largest multiple of n that fits; draw again above it. */
	limit = UINT64_MAX - (UINT64_MAX % n) - 1;
	do {
		x = quiz_rng_next(state);
	} while (x > limit);
	return (x % n);
}

static uint64_t
fnv1a64(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return (h);
}

static void
shuffle(size_t *v, size_t n, uint64_t *st)
{
	size_t	i, j, t;

	for (i = n; i > 1; i--) {
		j = (size_t)quiz_rng_below(st, i);
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

void
quiz_order_make(const struct quiz *qz, uint64_t seed, struct arena *a,
    struct quiz_order *out)
{
	const struct quiz_question	*q;
	uint64_t			 st;
	size_t				 i, k, n, t, same;

	n = qz->nquestions;
	out->n = n;
	out->qpos = arena_alloc(a, sizeof(size_t) * (n + 1));
	out->opos = arena_alloc(a, sizeof(size_t *) * (n + 1));
	for (i = 0; i < n; i++)
		out->qpos[i] = i;
	st = seed;
	shuffle(out->qpos, n, &st);
	for (k = 0; k < n; k++) {
		q = &qz->questions[k];
		out->opos[k] = arena_alloc(a, sizeof(size_t) *
		    (q->noptions + 1));
		for (i = 0; i < q->noptions; i++)
			out->opos[k][i] = i;
		st = seed ^ fnv1a64(q->id != NULL ? q->id : "");
		shuffle(out->opos[k], q->noptions, &st);
		if (q->type != Q_ORDERING || q->noptions < 2)
			continue;
		for (i = 0, same = 1; i < q->noptions; i++)
			if (out->opos[k][i] != i)
				same = 0;
		if (!same)
			continue;
		t = out->opos[k][0];
		for (i = 0; i + 1 < q->noptions; i++)
			out->opos[k][i] = out->opos[k][i + 1];
		out->opos[k][q->noptions - 1] = t;
	}
}

int
quiz_question_index(const struct quiz *qz, const char *id)
{
	size_t	i;

	if (id == NULL)
		return (-1);
	for (i = 0; i < qz->nquestions; i++)
		if (qz->questions[i].id != NULL &&
		    strcmp(qz->questions[i].id, id) == 0)
			return ((int)i);
	return (-1);
}

int
quiz_option_index(const struct quiz_question *q, const char *id)
{
	size_t	i;

	if (id == NULL)
		return (-1);
	for (i = 0; i < q->noptions && i < QUIZ_MAX_OPTIONS; i++)
		if (q->options[i].id != NULL &&
		    strcmp(q->options[i].id, id) == 0)
			return ((int)i);
	return (-1);
}
