/*
 * test_review_flow.c: the open call's review workflow on SQLite and (with
 * ETHICA_TEST_PG) PostgreSQL: the rubric's cap (domain and schema) and
 * the removal of criteria; review scores sized from the rubric; every
 * chair move through submission_move()/submission_decide() allowed and
 * forbidden, each with its library change in one transaction; a published
 * case re-decided; the confirm step for a case without reviews; a
 * conflicted chair taking a case out of the library; reviewers' names in
 * double-blind calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/assign.h"
#include "domain/call.h"
#include "domain/call_chair.h"
#include "domain/cases.h"
#include "domain/crypto.h"
#include "domain/publish.h"
#include "domain/review.h"
#include "domain/submission.h"
#include "domain/workflow.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "t.h"
#include "tstore.h"

#define PW	"correct horse battery"

static struct dctx	dc;
static struct user	users[5];
enum { CHAIR, CHAIR2, REV1, REV2, SUB1, NUSERS };

static const char *const emails[NUSERS] = {
	"chair@flow.test", "chair2@flow.test", "rev1@flow-a.test",
	"rev2@flow-b.test", "sub1@flow-c.test"
};
static const char *const roles[NUSERS] = {
	"chair", "chair", "reviewer", "reviewer", "learner"
};

static void
act(int who)
{
	dc.user = who < 0 ? NULL : &users[who];
}

static void
setup_users(void)
{
	int	i;

	for (i = 0; i < NUSERS; i++) {
		T_ASSERT(account_create(&dc, emails[i], i == REV1 ? "Ada Real" :
		    i == REV2 ? "Bob Real" : "Someone", PW, roles[i],
		    &users[i].id) == RES_OK);
		users[i].email = emails[i];
		users[i].display_name = i == REV1 ? "Ada Real" : i == REV2 ?
		    "Bob Real" : "Someone";
		users[i].role = roles[i];
		users[i].language = "";
		users[i].country = "";
		users[i].verified = 1;
	}
}

static void
call_form(struct call_form *f)
{
	memset(f, 0, sizeof(*f));
	f->default_lang = "en";
	f->title_en = "Flow call";
	f->opens = call_format_utc(dc.a, dc.now - 86400);
	f->closes = call_format_utc(dc.a, dc.now + 86400);
	f->blind_mode = "double";
	f->reviewers = "2";
	f->public_fields = "organisation,summary";
	f->ncrit = call_default_rubric(f->crit);
}

static size_t
ncrit(int64_t cid)
{
	struct call	c;

	T_ASSERT(call_get(&dc, cid, "en", &c) == RES_OK);
	return (c.ncrit);
}

/* 12.2: at most CALL_MAX_CRITERIA, saved again and again; removal. */
static int64_t
rubric(void)
{
	struct call_form	 f;
	struct form_errors	 fe;
	struct call		 c;
	struct crit_row		 extra;
	int64_t			 cid = 0, id;
	size_t			 i, k;

	act(CHAIR);
	call_form(&f);
	for (i = f.ncrit; i < CALL_MAX_CRITERIA; i++) {
		f.crit[i] = f.crit[0];
		f.crit[i].position = (int64_t)i + 1;
	}
	f.ncrit = CALL_MAX_CRITERIA;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(call_save(&dc, 0, &f, &fe, &cid) == RES_OK);
	T_ASSERT(ncrit(cid) == CALL_MAX_CRITERIA);
	/* The same form posted again (ids not sent: all new): the rubric is
	 * what the form says, never more. */
	for (k = 0; k < 3; k++) {
		memset(&fe, 0, sizeof(fe));
		T_ASSERT(call_save(&dc, cid, &f, &fe, &id) == RES_OK);
		T_ASSERT(ncrit(cid) == CALL_MAX_CRITERIA);
	}
	/* The schema refuses a ninth whatever the path. */
	memset(&extra, 0, sizeof(extra));
	extra.position = 9;
	extra.name = "Ninth";
	extra.description = "";
	for (i = 0; i < 5; i++)
		extra.anchor[i] = "";
	T_ASSERT(store_criterion_insert(dc.db, cid, &extra) != STORE_OK);
	T_ASSERT(ncrit(cid) == CALL_MAX_CRITERIA);
	/* A form claiming more is refused with a message. */
	f.ncrit = CALL_MAX_CRITERIA + 1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(call_save(&dc, cid, &f, &fe, &id) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "rubric") != NULL);
	/* Removing criteria: keep the first three by id, blank the rest. */
	T_ASSERT(call_get(&dc, cid, "en", &c) == RES_OK);
	call_form(&f);
	for (i = 0; i < CALL_MAX_CRITERIA; i++) {
		f.crit[i] = c.crit[i];
		if (i >= 3)
			f.crit[i].name = "";
	}
	f.ncrit = CALL_MAX_CRITERIA;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(call_save(&dc, cid, &f, &fe, &id) == RES_OK);
	T_ASSERT(ncrit(cid) == 3);
	return (cid);
}

static int64_t
make_case(int64_t cid, const char *title)
{
	struct submission_form		f;
	struct form_errors	fe;
	int64_t			id = 0;

	act(SUB1);
	memset(&f, 0, sizeof(f));
	f.organisation = "Flow Org";
	f.sector = "private-sector";
	f.country = "KE";
	f.category = "tools-applications";
	f.tags = "fairness";
	f.title = title;
	f.summary = "Summary.";
	f.ai_system = "Triage.";
	f.actions = "Audits.";
	f.outcomes = "Fewer errors.";
	f.lessons = "Start early.";
	f.language = "en";
	f.consent_publish = 1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_create(&dc, cid, &f, 1, &fe, &id) == RES_OK);
	return (id);
}

static const char *
state_of(int64_t id)
{
	struct submission_row	s;

	T_ASSERT(store_sub_get(dc.db, dc.a, id, &s) == STORE_OK);
	return (s.state);
}

static int
in_library(int64_t id)
{
	struct case_row	r;
	struct submission_row	s;

	T_ASSERT(store_sub_get(dc.db, dc.a, id, &s) == STORE_OK);
	if (store_case_by_slug(dc.db, dc.a, publish_slug(&dc, id, s.title),
	    &r) != STORE_OK)
		return (0);
	return (strcmp(r.state, "published") == 0);
}

/* 12.3: every chair move of the table, through the one domain door. */
static int64_t
moves(int64_t cid)
{
	struct form_errors	 fe;
	struct review_case	 rc;
	struct case_row		 cr;
	const char		*slug;
	int64_t			 s1, sc[3] = { 4, 4, 5 }, ids[1];
	size_t			 done;
	int			 from, to;

	s1 = make_case(cid, "Flow case one");
	act(CHAIR);
	/* Forbidden moves change nothing: walk every pair from submitted. */
	for (to = 0; to < WF_NSTATES; to++) {
		memset(&fe, 0, sizeof(fe));
		if (to == WF_UNDER_REVIEW)
			continue;
		T_ASSERT(submission_move(&dc, s1, workflow_name(to), "x", &fe,
		    NULL) != RES_OK);
		T_STREQ(state_of(s1), "submitted");
	}
	T_ASSERT(submission_move(&dc, s1, "bogus", NULL, &fe, NULL) ==
	    RES_INVALID);
	/* 13.1: the chair moves it to review. */
	T_ASSERT(submission_move(&dc, s1, "under_review", NULL, &fe, NULL) ==
	    RES_OK);
	T_STREQ(state_of(s1), "under_review");
	T_ASSERT(submission_move(&dc, s1, "submitted", NULL, &fe, NULL) ==
	    RES_OK);
	T_ASSERT(submission_move(&dc, s1, "under_review", NULL, &fe, NULL) ==
	    RES_OK);
	/* Deciding is not a plain move. */
	T_ASSERT(submission_move(&dc, s1, "decided", "x", &fe, NULL) ==
	    RES_INVALID);
	T_STREQ(state_of(s1), "under_review");
	/* No review yet: the domain asks to confirm, and nothing moves. */
	ids[0] = s1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_decide(&dc, ids, 1, "excellent", "Good.", 0, &fe,
	    &done) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "confirm") != NULL);
	T_STREQ(state_of(s1), "under_review");
	/* A submitted review: no question asked. */
	T_ASSERT(assign_manual(&dc, s1, users[REV1].id, 1) == RES_OK);
	act(REV1);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(review_save(&dc, s1, sc, 3, "Fine.", "", 1, &fe) == RES_OK);
	T_ASSERT(review_case(&dc, s1, "en", &rc) == RES_OK);
	T_ASSERT(rc.my_scores[2] == 5);
	act(CHAIR);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_decide(&dc, ids, 1, "excellent", "Good.", 0, &fe,
	    &done) == RES_OK && done == 1);
	T_STREQ(state_of(s1), "decided");
	/* Re-deciding a decided case is allowed. */
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_decide(&dc, ids, 1, "accepted", "Good.", 0, &fe,
	    &done) == RES_OK && done == 1);
	/* Publish: state and library together. */
	slug = NULL;
	T_ASSERT(submission_move(&dc, s1, "published", NULL, &fe, &slug) ==
	    RES_OK);
	T_ASSERT(slug != NULL);
	T_STREQ(state_of(s1), "published");
	T_ASSERT(in_library(s1));
	/* A published case is not decided again while in the library. */
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_decide(&dc, ids, 1, "not-selected", "No.", 1,
	    &fe, &done) == RES_CONFLICT && done == 0);
	T_STREQ(state_of(s1), "published");
	T_ASSERT(in_library(s1));
	/* Unpublishing needs a reason; then state and library together. */
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_move(&dc, s1, "decided", "", &fe, NULL) ==
	    RES_INVALID);
	T_ASSERT(in_library(s1));
	/* A conflicted chair cannot take it out, by either door. */
	act(CHAIR2);
	T_ASSERT(review_conflict_declare(&dc, s1, "") == RES_OK);
	T_ASSERT(submission_move(&dc, s1, "decided", "Gone.", &fe, NULL) ==
	    RES_NOT_FOUND);
	T_ASSERT(case_unpublish(&dc, slug, "Gone.", 0) == RES_NOT_FOUND);
	T_ASSERT(in_library(s1));
	T_STREQ(state_of(s1), "published");
	/* The unconflicted chair through the library's door: the workflow
	 * moves too. */
	act(CHAIR);
	T_ASSERT(case_unpublish(&dc, slug, "Withdrawn by the ministry.", 0)
	    == RES_OK);
	T_ASSERT(!in_library(s1));
	T_STREQ(state_of(s1), "decided");
	T_ASSERT(store_case_by_slug(dc.db, dc.a, slug, &cr) == STORE_OK);
	T_STREQ(cr.unpublish_reason, "Withdrawn by the ministry.");
	/* Now it may be re-decided: not selected, and it stays out. */
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_decide(&dc, ids, 1, "not-selected", "No.", 1,
	    &fe, &done) == RES_OK && done == 1);
	T_ASSERT(!in_library(s1));
	/* Not publishable now: the condition of the row fails. */
	T_ASSERT(submission_move(&dc, s1, "published", NULL, &fe, NULL) ==
	    RES_CONFLICT);
	T_ASSERT(!in_library(s1));
	/* Every pair from decided the table does not list is forbidden. */
	for (to = 0; to < WF_NSTATES; to++) {
		from = WF_DECIDED;
		if (workflow_action(from, to) != -1)
			continue;
		memset(&fe, 0, sizeof(fe));
		T_ASSERT(submission_move(&dc, s1, workflow_name(to), "x", &fe,
		    NULL) == RES_FORBIDDEN);
		T_STREQ(state_of(s1), "decided");
	}
	/* Back to review. */
	T_ASSERT(submission_move(&dc, s1, "under_review", NULL, &fe, NULL) ==
	    RES_OK);
	/* Nobody but a chair moves it. */
	act(REV1);
	T_ASSERT(submission_move(&dc, s1, "submitted", NULL, &fe, NULL) ==
	    RES_FORBIDDEN);
	act(SUB1);
	T_ASSERT(submission_move(&dc, s1, "submitted", NULL, &fe, NULL) ==
	    RES_FORBIDDEN);
	T_STREQ(state_of(s1), "under_review");
	return (s1);
}

/* 12.4: in a double-blind call reviewers see each other as letters. */
static int64_t
anonymity(int64_t cid)
{
	struct form_errors	 fe;
	struct review_case	 rc;
	int64_t			 s2, sc[3] = { 3, 3, 3 };
	size_t			 i, who;

	s2 = make_case(cid, "Flow case two");
	act(CHAIR);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_move(&dc, s2, "under_review", NULL, &fe, NULL) ==
	    RES_OK);
	T_ASSERT(assign_manual(&dc, s2, users[REV1].id, 1) == RES_OK);
	T_ASSERT(assign_manual(&dc, s2, users[REV2].id, 1) == RES_OK);
	act(REV2);
	T_ASSERT(review_save(&dc, s2, sc, 3, "Two.", "", 1, &fe) == RES_OK);
	T_ASSERT(review_post(&dc, s2, "From two.", &fe) == RES_OK);
	act(REV1);
	T_ASSERT(review_save(&dc, s2, sc, 3, "One.", "", 1, &fe) == RES_OK);
	T_ASSERT(review_post(&dc, s2, "From one.", &fe) == RES_OK);
	act(CHAIR);
	T_ASSERT(review_post(&dc, s2, "From the chair.", &fe) == RES_OK);
	for (who = 0; who < 2; who++) {
		act(who == 0 ? REV1 : REV2);
		T_ASSERT(review_case(&dc, s2, "en", &rc) == RES_OK);
		T_ASSERT(rc.nreviews == 2 && rc.nposts == 3);
		for (i = 0; i < rc.nreviews; i++) {
			T_STREQ(rc.reviews[i].display_name, "");
			T_STREQ(rc.review_alias[i], rc.reviews[i].user_id ==
			    users[REV1].id ? "A" : "B");
		}
		for (i = 0; i < rc.nposts; i++) {
			T_ASSERT(strstr(rc.posts[i].display_name, "Real") ==
			    NULL);
			if (rc.posts[i].user_id == users[CHAIR].id)
				T_ASSERT(rc.post_alias[i] == NULL);
			else
				T_STREQ(rc.post_alias[i],
				    rc.posts[i].user_id == users[REV1].id ?
				    "A" : "B");
		}
	}
	act(CHAIR);
	T_ASSERT(review_case(&dc, s2, "en", &rc) == RES_OK);
	for (i = 0; i < rc.nreviews; i++) {
		T_ASSERT(rc.review_alias[i] == NULL);
		T_ASSERT(strstr(rc.reviews[i].display_name, "Real") != NULL);
	}
	return (s2);
}

/* 12.7: a conflicted chair's call-wide actions leave the case alone. */
static void
detect(int64_t cid, int64_t s1, int64_t s2)
{
	struct form_errors	 fe;
	struct person_row	*conf;
	size_t			 n, i, found;
	int			 saw;

	act(REV2);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(review_expertise_save(&dc, users[REV2].id, "Flow Org", "",
	    "", "", &fe) == RES_OK);
	act(CHAIR2);
	T_ASSERT(review_conflicts_detect(&dc, cid, &found) == RES_OK);
	T_ASSERT(store_conflicts_for_submission(dc.db, dc.a, s1, &conf, &n) ==
	    STORE_OK);
	for (i = 0, saw = 0; i < n; i++)
		saw |= conf[i].id == users[REV2].id;
	T_ASSERT(!saw);
	T_ASSERT(store_conflicts_for_submission(dc.db, dc.a, s2, &conf, &n) ==
	    STORE_OK);
	for (i = 0, saw = 0; i < n; i++)
		saw |= conf[i].id == users[REV2].id;
	T_ASSERT(saw);
}

/* 13.12: a reviewer lists and undoes their own declared conflicts, and
 * only those: not a proposed one, not one a chair confirmed. */
static void
undo(int64_t cid, int64_t s2)
{
	struct declared_row	*mine;
	struct person_row	*conf;
	struct audit_row	*audit;
	struct keypage		 kp;
	size_t			 n, i;
	int			 saw;

	act(REV1);
	T_ASSERT(review_conflict_declare(&dc, s2, "Old colleague") == RES_OK);
	T_ASSERT(review_conflicts_mine(&dc, cid, &mine, &n) == RES_OK);
	T_ASSERT(n == 1 && mine[0].submission_id == s2);
	T_STREQ(mine[0].reason, "Old colleague");
	/* REV2's conflict on s2 was proposed by detection: not theirs. */
	act(REV2);
	T_ASSERT(review_conflicts_mine(&dc, cid, &mine, &n) == RES_OK &&
	    n == 0);
	T_ASSERT(review_conflict_undo(&dc, s2) == RES_NOT_FOUND);
	act(-1);
	T_ASSERT(review_conflict_undo(&dc, s2) == RES_FORBIDDEN);
	act(REV1);
	T_ASSERT(review_conflict_undo(&dc, s2) == RES_OK);
	T_ASSERT(review_conflicts_mine(&dc, cid, &mine, &n) == RES_OK &&
	    n == 0);
	T_ASSERT(store_conflicts_for_submission(dc.db, dc.a, s2, &conf, &n) ==
	    STORE_OK);
	for (i = 0, saw = 0; i < n; i++)
		saw |= conf[i].id == users[REV1].id;
	T_ASSERT(!saw);
	T_ASSERT(review_conflict_undo(&dc, s2) == RES_NOT_FOUND);
	/* Declared again and confirmed by a chair: no longer undone. */
	T_ASSERT(review_conflict_declare(&dc, s2, "") == RES_OK);
	act(CHAIR);
	T_ASSERT(review_conflict_set(&dc, s2, users[REV1].id, "confirmed") ==
	    RES_OK);
	memset(&kp, 0, sizeof(kp));
	T_ASSERT(call_audit(&dc, cid, &kp, &audit, &n) == RES_OK);
	for (i = 0, saw = 0; i < n; i++)
		saw |= strcmp(audit[i].action, "conflict.undo") == 0;
	T_ASSERT(saw);
	act(REV1);
	T_ASSERT(review_conflicts_mine(&dc, cid, &mine, &n) == RES_OK &&
	    n == 0);
	T_ASSERT(review_conflict_undo(&dc, s2) == RES_NOT_FOUND);
}

static void
run(int pg)
{
	struct db	*db;
	int64_t		 cid, s1, s2;

	if ((db = tstore_open(pg)) == NULL) {
		if (pg)
			T_SKIP("ETHICA_TEST_PG unset");
		else
			t_cur_failed = 1;
		return;
	}
	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dc.a = arena_new();
	dc.now = 1800000000;
	dc.lang = i18n_default();
	dc.public_url = "http://test";
	dc.data_dir = "/tmp";
	setup_users();
	cid = rubric();
	s1 = moves(cid);
	s2 = anonymity(cid);
	detect(cid, s1, s2);
	undo(cid, s2);
	arena_free(dc.a);
	tstore_close(db);
}

/* Reads path whole into buf (NUL-terminated); 0 on success. */
static int
slurp(const char *path, char *buf, size_t size)
{
	FILE	*fp;
	size_t	 n;

	if ((fp = fopen(path, "r")) == NULL)
		return (-1);
	n = fread(buf, 1, size - 1, fp);
	buf[n] = '\0';
	(void)fclose(fp);
	return (n == size - 1 ? -1 : 0);
}

/* The cap is one number: both schemas stop at CALL_MAX_CRITERIA (the
 * Kore routes are written from it: test_route_params.c). */
static void
test_cap_agrees(void)
{
	static char	 buf[1 << 16];
	char		 want[64];
	const char	*mig[] = {
		"src/store/migrations/sqlite/0011_criteria_cap.sql",
		"src/store/migrations/pg/0011_criteria_cap.sql"
	};
	size_t		 i;

	(void)snprintf(want, sizeof(want), ">= %d", CALL_MAX_CRITERIA);
	for (i = 0; i < 2; i++) {
		T_ASSERT(slurp(mig[i], buf, sizeof(buf)) == 0);
		T_CONTAINS(buf, want);
	}
}

static void
test_sqlite(void)
{
	run(0);
}

static void
test_postgres(void)
{
	run(1);
}

int
main(void)
{
	char	err[256];

	if (crypto_setup() == -1 || i18n_load("build/locale", err,
	    sizeof(err)) == -1) {
		printf("setup failed: %s\n", err);
		return (1);
	}
	T_RUN(test_cap_agrees);
	T_RUN(test_sqlite);
	T_RUN(test_postgres);
	return (t_done());
}
