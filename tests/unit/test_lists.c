/*
 * test_lists.c: the lists that grow with the data (issue 14.1), on SQLite
 * and (when ETHICA_TEST_PG is set) PostgreSQL: the keyset paging rule
 * (domain/keypage.c); walking each paged list forwards and back shows
 * every row once, in order, pages full, filters kept, forged keys giving
 * the first page; the admin's audit log leaves out what a conflict hides
 * in its query (pages stay full); the chair's audit of a call; and the
 * counts the chair's list reads from the submission row stay right
 * through assignments added and removed, reviews saved, submitted and
 * rescored; a call's conflict and assignment pairs (store_call_pairs) and
 * a reviewer's list, whose rows are the chair's list's (submission_listed).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/admin.h"
#include "domain/audit.h"
#include "domain/call.h"
#include "domain/call_chair.h"
#include "domain/crypto.h"
#include "domain/keypage.h"
#include "domain/review.h"
#include "domain/submission.h"
#include "lib/mem.h"
#include "store/st_seed.h"
#include "web/i18n.h"
#include "t.h"
#include "tstore.h"

static struct dctx	dc;

static int64_t
int_key(const void *p)
{
	return (*(const int64_t *)p);
}

/* The rule alone: rows as the store would hand them over. */
static void
test_keypage(void)
{
	struct keypage	pg;
	int64_t		r[6];
	size_t		n;

	/* First page of a longer list: no prev, next after its last. */
	memset(&pg, 0, sizeof(pg));
	T_ASSERT(keypage_cursor(&pg) == 0);
	r[0] = 10; r[1] = 20; r[2] = 30; r[3] = 40;
	n = 4;
	T_ASSERT(keypage_done(&pg, r, sizeof(r[0]), &n, 3, int_key) == 0);
	T_ASSERT(n == 3 && pg.prev == 0 && pg.next == 30);
	/* After 30: the last page. */
	pg.after = 30;
	T_ASSERT(keypage_cursor(&pg) == 30);
	r[0] = 40;
	n = 1;
	T_ASSERT(keypage_done(&pg, r, sizeof(r[0]), &n, 3, int_key) == 0);
	T_ASSERT(n == 1 && pg.prev == 40 && pg.next == 0);
	/* Before 40, read nearest first: back in list order. */
	memset(&pg, 0, sizeof(pg));
	pg.before = 50;
	T_ASSERT(keypage_cursor(&pg) == -50);
	r[0] = 40; r[1] = 30; r[2] = 20; r[3] = 10;
	n = 4;
	T_ASSERT(keypage_done(&pg, r, sizeof(r[0]), &n, 3, int_key) == 0);
	T_ASSERT(n == 3 && r[0] == 20 && r[1] == 30 && r[2] == 40);
	T_ASSERT(pg.prev == 20 && pg.next == 40);
	/* Fewer than a page before the key: the first page instead. */
	memset(&pg, 0, sizeof(pg));
	pg.before = 30;
	r[0] = 20; r[1] = 10;
	n = 2;
	T_ASSERT(keypage_done(&pg, r, sizeof(r[0]), &n, 3, int_key) == 1);
	T_ASSERT(pg.after == 0 && pg.before == 0 && keypage_cursor(&pg) == 0);
	/* Nothing after the key (past the end, or forged): the first page. */
	memset(&pg, 0, sizeof(pg));
	pg.after = 999;
	n = 0;
	T_ASSERT(keypage_done(&pg, r, sizeof(r[0]), &n, 3, int_key) == 1);
	T_ASSERT(keypage_cursor(&pg) == 0);
	/* An empty list: one empty first page, no links. */
	n = 0;
	T_ASSERT(keypage_done(&pg, r, sizeof(r[0]), &n, 3, int_key) == 0);
	T_ASSERT(n == 0 && pg.prev == 0 && pg.next == 0);
	/* Exactly a page: no next. */
	r[0] = 1; r[1] = 2; r[2] = 3;
	n = 3;
	T_ASSERT(keypage_done(&pg, r, sizeof(r[0]), &n, 3, int_key) == 0);
	T_ASSERT(n == 3 && pg.prev == 0 && pg.next == 0);
}

static int64_t
user_as(struct user *u, const char *email, const char *role)
{
	int64_t	id;

	T_ASSERT(store_seed_user(dc.db, email, email, "x", dc.now, &id) ==
	    STORE_OK);
	T_ASSERT(store_user_set_role(dc.db, id, role, dc.now) == STORE_OK);
	memset(u, 0, sizeof(*u));
	u->id = id;
	u->email = u->display_name = email;
	u->role = role;
	u->language = u->country = "";
	u->verified = 1;
	return (id);
}

static int64_t
make_call(void)
{
	struct call_form	f;
	struct form_errors	fe;
	int64_t			id = 0;

	memset(&f, 0, sizeof(f));
	memset(&fe, 0, sizeof(fe));
	f.default_lang = "en";
	f.title_en = "Lists call";
	f.description_en = "About lists.";
	f.opens = call_format_utc(dc.a, dc.now - 86400);
	f.closes = call_format_utc(dc.a, dc.now + 86400);
	f.other_lang = "ko";
	f.title_other = "목록";
	f.blind_mode = "double";
	f.reviewers = "2";
	f.public_fields = "organisation";
	f.ncrit = call_default_rubric(f.crit);
	T_ASSERT(call_save(&dc, 0, &f, &fe, &id) == RES_OK);
	return (id);
}

/* A submission of call_id by user by, under review. */
static int64_t
make_sub(int64_t call_id, int64_t by, const char *title)
{
	struct submission_row	r;
	int64_t		id = 0;

	memset(&r, 0, sizeof(r));
	r.organisation = r.sector = r.country = r.category = r.tags = "";
	r.summary = r.ai_system = r.actions = r.outcomes = r.lessons = "";
	r.links = r.collaborators = "";
	r.language = "en";
	r.title = (char *)title;
	r.call_id = call_id;
	r.submitter_id = by;
	T_ASSERT(store_sub_insert(dc.db, &r, dc.now, &id) == STORE_OK);
	T_ASSERT(store_sub_set_state(dc.db, id, "under_review", 1, dc.now) ==
	    STORE_OK);
	return (id);
}

/* The row's kept counts of submission id, as the chair's list reads them. */
static void
kept(int64_t call_id, int64_t id, int64_t *na, int64_t *sum, int64_t *cnt)
{
	struct submission_listed	*rows;
	size_t			 n;

	*na = *sum = *cnt = -1;
	T_ASSERT(store_sub_page_call(dc.db, dc.a, call_id, 0, NULL, id - 1, 1,
	    &rows, &n) == STORE_OK && n == 1 && rows[0].s.id == id);
	if (n == 1) {
		*na = rows[0].nassigned;
		*sum = rows[0].score_sum;
		*cnt = rows[0].score_n;
	}
}

static void
counts(int onpg)
{
	struct user	 chair, sub;
	int64_t		 cid, s1, s2, r1, r2, *crit, na, sum, cnt;
	int64_t		 rev[3];
	size_t		 ncrit, i;
	char		 email[64];

	chair.id = user_as(&chair, "chair@lists.test", "chair");
	(void)user_as(&sub, "sub@lists.test", "learner");
	dc.user = &chair;
	cid = make_call();
	T_ASSERT(store_seed_criteria(dc.db, dc.a, cid, &crit, &ncrit) ==
	    STORE_OK && ncrit >= 2);
	for (i = 0; i < 3; i++) {
		(void)snprintf(email, sizeof(email), "r%zu@lists.test", i);
		T_ASSERT(store_seed_reviewer(dc.db, email, email, "x", dc.now,
		    &rev[i]) == STORE_OK);
	}
	s1 = make_sub(cid, sub.id, "One");
	s2 = make_sub(cid, sub.id, "Two");
	kept(cid, s1, &na, &sum, &cnt);
	T_ASSERT(na == 0 && sum == 0 && cnt == 0);
	/* Each write in a transaction, as the domain makes them. */
	T_ASSERT(store_begin(dc.db) == STORE_OK);
	T_ASSERT(store_assign_add(dc.db, s1, rev[0], chair.id, dc.now) ==
	    STORE_OK);
	T_ASSERT(store_assign_add(dc.db, s1, rev[1], chair.id, dc.now) ==
	    STORE_OK);
	T_ASSERT(store_assign_add(dc.db, s1, rev[2], chair.id, dc.now) ==
	    STORE_OK);
	T_ASSERT(store_commit(dc.db) == STORE_OK);
	kept(cid, s1, &na, &sum, &cnt);
	T_ASSERT(na == 3 && sum == 0 && cnt == 0);
	kept(cid, s2, &na, &sum, &cnt);
	T_ASSERT(na == 0);
	/* A draft review and its scores count for nothing. */
	T_ASSERT(store_begin(dc.db) == STORE_OK);
	T_ASSERT(store_review_save(dc.db, s1, rev[0], "t", "", 0, dc.now,
	    &r1) == STORE_OK);
	T_ASSERT(store_score_set(dc.db, r1, crit[0], 4) == STORE_OK);
	T_ASSERT(store_score_set(dc.db, r1, crit[1], 2) == STORE_OK);
	T_ASSERT(store_commit(dc.db) == STORE_OK);
	kept(cid, s1, &na, &sum, &cnt);
	T_ASSERT(na == 3 && sum == 0 && cnt == 0);
	/* Submitted: its scores count. */
	T_ASSERT(store_begin(dc.db) == STORE_OK);
	T_ASSERT(store_review_save(dc.db, s1, rev[0], "t", "", 1, dc.now,
	    &r1) == STORE_OK);
	T_ASSERT(store_commit(dc.db) == STORE_OK);
	kept(cid, s1, &na, &sum, &cnt);
	T_ASSERT(sum == 6 && cnt == 2);
	/* A second review, submitted with its scores in one transaction. */
	T_ASSERT(store_begin(dc.db) == STORE_OK);
	T_ASSERT(store_review_save(dc.db, s1, rev[1], "t", "", 1, dc.now,
	    &r2) == STORE_OK);
	T_ASSERT(store_score_set(dc.db, r2, crit[0], 5) == STORE_OK);
	T_ASSERT(store_commit(dc.db) == STORE_OK);
	kept(cid, s1, &na, &sum, &cnt);
	T_ASSERT(sum == 11 && cnt == 3);
	/* Rescored, a score taken back. */
	T_ASSERT(store_begin(dc.db) == STORE_OK);
	T_ASSERT(store_score_set(dc.db, r1, crit[0], 1) == STORE_OK);
	T_ASSERT(store_score_set(dc.db, r1, crit[1], 0) == STORE_OK);
	T_ASSERT(store_commit(dc.db) == STORE_OK);
	kept(cid, s1, &na, &sum, &cnt);
	T_ASSERT(sum == 6 && cnt == 2);
	/* Unassigned (as a conflict withdraws an assignment). */
	T_ASSERT(store_begin(dc.db) == STORE_OK);
	T_ASSERT(store_assign_del(dc.db, s1, rev[2]) == STORE_OK);
	T_ASSERT(store_commit(dc.db) == STORE_OK);
	kept(cid, s1, &na, &sum, &cnt);
	T_ASSERT(na == 2 && sum == 6 && cnt == 2);
	/* A rolled-back write leaves the counts as they were. */
	T_ASSERT(store_begin(dc.db) == STORE_OK);
	T_ASSERT(store_assign_del(dc.db, s1, rev[1]) == STORE_OK);
	T_ASSERT(store_rollback(dc.db) == STORE_OK);
	kept(cid, s1, &na, &sum, &cnt);
	T_ASSERT(na == 2);
	/* The seeder keeps them too. */
	T_ASSERT(store_seed_review(dc.db, s2, rev[2], crit, (const int[])
	    { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, ncrit,
	    dc.now) == STORE_OK);
	kept(cid, s2, &na, &sum, &cnt);
	T_ASSERT(na == 1 && cnt == (int64_t)ncrit &&
	    sum == 3 * (int64_t)ncrit);
	(void)onpg;
}

/* Pair i of p is (sub, user). */
static int
pair_is(const struct pair_row *p, size_t i, int64_t sub, int64_t user)
{
	return (p[i].submission_id == sub && p[i].user_id == user);
}

/* The pairs of a call, everyone's and one reviewer's, and the reviewers'
 * lists of their assignments. */
static void
pairs(void)
{
	struct user			 chair, sub;
	struct pair_row			*conf, *asg;
	struct submission_listed	*rows;
	int64_t				 cid, s1, s2, rid, rev[2];
	size_t				 nconf, nasg, n;

	chair.id = user_as(&chair, "chair@pairs.test", "chair");
	(void)user_as(&sub, "sub@pairs.test", "learner");
	dc.user = &chair;
	cid = make_call();
	T_ASSERT(store_seed_reviewer(dc.db, "r0@pairs.test", "R0", "x",
	    dc.now, &rev[0]) == STORE_OK);
	T_ASSERT(store_seed_reviewer(dc.db, "r1@pairs.test", "R1", "x",
	    dc.now, &rev[1]) == STORE_OK);
	s1 = make_sub(cid, sub.id, "One");
	s2 = make_sub(cid, sub.id, "Two");
	T_ASSERT(store_begin(dc.db) == STORE_OK);
	T_ASSERT(store_assign_add(dc.db, s1, rev[0], chair.id, dc.now) ==
	    STORE_OK);
	T_ASSERT(store_assign_add(dc.db, s1, rev[1], chair.id, dc.now) ==
	    STORE_OK);
	T_ASSERT(store_assign_add(dc.db, s2, rev[0], chair.id, dc.now) ==
	    STORE_OK);
	T_ASSERT(store_conflict_set(dc.db, s1, rev[0], "declared", "mine",
	    dc.now) == STORE_OK);
	T_ASSERT(store_conflict_set(dc.db, s2, rev[1], "dismissed", "",
	    dc.now) == STORE_OK);
	T_ASSERT(store_review_save(dc.db, s1, rev[1], "t", "", 0, dc.now,
	    &rid) == STORE_OK);
	T_ASSERT(store_commit(dc.db) == STORE_OK);
	/* Everyone's: the dismissed conflict left out. */
	T_ASSERT(store_call_pairs(dc.db, dc.a, cid, 0, &conf, &nconf, &asg,
	    &nasg) == STORE_OK);
	T_ASSERT(nconf == 1 && pair_is(conf, 0, s1, rev[0]));
	T_ASSERT(nasg == 3 && pair_is(asg, 0, s1, rev[0]) &&
	    pair_is(asg, 1, s1, rev[1]) && pair_is(asg, 2, s2, rev[0]));
	/* One reviewer's. */
	T_ASSERT(store_call_pairs(dc.db, dc.a, cid, rev[1], &conf, &nconf,
	    &asg, &nasg) == STORE_OK);
	T_ASSERT(nconf == 0 && nasg == 1 && pair_is(asg, 0, s1, rev[1]));
	T_ASSERT(store_call_pairs(dc.db, dc.a, cid, rev[0], &conf, &nconf,
	    &asg, &nasg) == STORE_OK);
	T_ASSERT(nconf == 1 && pair_is(conf, 0, s1, rev[0]) && nasg == 2);
	/* A reviewer's list, newest case first, with the chair's columns. */
	T_ASSERT(store_assign_for_user(dc.db, dc.a, rev[0], 0, 10, &rows,
	    &n) == STORE_OK && n == 2);
	if (n == 2) {
		T_ASSERT(rows[0].s.id == s2 && rows[0].conflicted == 0 &&
		    rows[0].assigned == 1 && rows[0].nassigned == 1 &&
		    strcmp(rows[0].review_state, "") == 0 &&
		    strcmp(rows[0].s.title, "Two") == 0);
		T_ASSERT(rows[1].s.id == s1 && rows[1].conflicted == 1 &&
		    rows[1].nassigned == 2 && rows[1].s.country != NULL &&
		    strcmp(rows[1].s.state, "under_review") == 0);
	}
	T_ASSERT(store_assign_for_user(dc.db, dc.a, rev[1], 0, 10, &rows,
	    &n) == STORE_OK && n == 1);
	if (n == 1)
		T_ASSERT(rows[0].s.id == s1 && rows[0].conflicted == 0 &&
		    strcmp(rows[0].review_state, "draft") == 0);
	/* The chair's list: no review state of the viewer's own. */
	T_ASSERT(store_sub_page_call(dc.db, dc.a, cid, rev[0], NULL, 0, 10,
	    &rows, &n) == STORE_OK && n == 2);
	if (n == 2)
		T_ASSERT(rows[0].s.id == s1 && rows[0].conflicted == 1 &&
		    rows[0].assigned == 1 && rows[1].conflicted == 0 &&
		    strcmp(rows[0].review_state, "") == 0);
}

/* Walks the admin's user list both ways over 60 matching users. */
static void
users_walk(void)
{
	struct user		 admin, tmp;
	struct user_page	 up;
	int64_t			 ids[60], seen[80], back[80];
	size_t			 i, ns = 0, nb = 0, pages = 0;
	char			 email[64];

	(void)user_as(&admin, "admin@lists.test", "admin");
	for (i = 0; i < 60; i++) {
		(void)snprintf(email, sizeof(email), "walk%02zu@lists.test", i);
		ids[i] = user_as(&tmp, email, "learner");
	}
	dc.user = &admin;
	memset(&up, 0, sizeof(up));
	do {
		up.k.after = up.k.next;
		up.k.before = 0;
		T_ASSERT(admin_users(&dc, "walk", &up) == RES_OK);
		T_ASSERT(up.n == ADMIN_PAGE_SIZE || up.k.next == 0);
		T_ASSERT((pages == 0) == (up.k.prev == 0));
		for (i = 0; i < up.n && ns < 80; i++)
			seen[ns++] = up.rows[i].id;
		pages++;
	} while (up.k.next > 0 && pages < 10);
	T_ASSERT(pages == 3 && ns == 60);
	for (i = 0; i < 60 && i < ns; i++)
		T_ASSERT(seen[i] == ids[59 - i]);
	/* Back from the last page: the same rows, the same pages. */
	up.k.before = up.k.prev;
	up.k.after = 0;
	pages = 0;
	for (;;) {
		T_ASSERT(admin_users(&dc, "walk", &up) == RES_OK);
		T_ASSERT(up.n == ADMIN_PAGE_SIZE);
		for (i = up.n; i > 0 && nb < 80; i--)
			back[nb++] = up.rows[i - 1].id;
		if (up.k.prev == 0 || ++pages > 10)
			break;
		up.k.before = up.k.prev;
		up.k.after = 0;
	}
	T_ASSERT(nb == 50);
	for (i = 0; i < nb; i++)
		T_ASSERT(back[i] == seen[49 - i]);
	/* Forged keys: the first page. */
	memset(&up, 0, sizeof(up));
	up.k.after = 1;
	T_ASSERT(admin_users(&dc, "walk", &up) == RES_OK);
	T_ASSERT(up.n == ADMIN_PAGE_SIZE && up.rows[0].id == ids[59] &&
	    up.k.prev == 0);
	memset(&up, 0, sizeof(up));
	up.k.before = INT64_MAX;
	T_ASSERT(admin_users(&dc, "walk", &up) == RES_OK);
	T_ASSERT(up.n == ADMIN_PAGE_SIZE && up.rows[0].id == ids[59]);
	/* A search that matches one: one page, no links. */
	memset(&up, 0, sizeof(up));
	T_ASSERT(admin_users(&dc, "walk07@", &up) == RES_OK);
	T_ASSERT(up.n == 1 && up.rows[0].id == ids[7] && up.k.next == 0 &&
	    up.k.prev == 0);
	/* None. */
	memset(&up, 0, sizeof(up));
	T_ASSERT(admin_users(&dc, "nobody-at-all", &up) == RES_OK &&
	    up.n == 0);
}

/* The admin's audit log leaves out what the admin's conflict hides, in
 * the query: every page but the last is full. */
static void
audit_walk(void)
{
	struct user		 admin, sub;
	struct audit_page	 ap;
	int64_t			 cid, hid, vis;
	size_t			 i, nvis = 0, pages = 0;
	char			 hs[32];

	(void)user_as(&admin, "admin2@lists.test", "admin");
	(void)user_as(&sub, "sub2@lists.test", "learner");
	dc.user = &admin;
	cid = make_call();
	hid = make_sub(cid, sub.id, "Hidden");
	vis = make_sub(cid, sub.id, "Visible");
	T_ASSERT(store_conflict_set(dc.db, hid, admin.id, "confirmed", "x",
	    dc.now) == STORE_OK);
	(void)snprintf(hs, sizeof(hs), "%lld", (long long)hid);
	/* Interleaved: 60 hidden, 60 visible. */
	for (i = 0; i < 60; i++) {
		T_ASSERT(audit_log(&dc, 0, "test.hidden", "submission", hid,
		    "") == 0);
		T_ASSERT(audit_log(&dc, 0, "test.visible", "submission", vis,
		    "") == 0);
	}
	memset(&ap, 0, sizeof(ap));
	do {
		ap.k.after = ap.k.next;
		T_ASSERT(admin_audit(&dc, &ap) == RES_OK);
		T_ASSERT(ap.n == ADMIN_PAGE_SIZE || ap.k.next == 0);
		for (i = 0; i < ap.n; i++) {
			T_ASSERT(strcmp(ap.rows[i].action, "test.hidden") != 0);
			T_ASSERT(strcmp(ap.rows[i].object_type, "submission") !=
			    0 || strcmp(ap.rows[i].object_id, hs) != 0);
			if (i > 0)
				T_ASSERT(ap.rows[i].id < ap.rows[i - 1].id);
			nvis += strcmp(ap.rows[i].action, "test.visible") == 0;
		}
		pages++;
	} while (ap.k.next > 0 && pages < 20);
	T_ASSERT(nvis == 60);
	/* The chair's audit of the call: the same rule for chairs. */
	{
		struct user	 chair;
		struct keypage	 kp;
		struct audit_row *rows;
		size_t		 n, nv = 0;
		int64_t		 draft;

		(void)user_as(&chair, "chair2@lists.test", "chair");
		T_ASSERT(store_conflict_set(dc.db, hid, chair.id, "confirmed",
		    "x", dc.now) == STORE_OK);
		draft = make_sub(cid, sub.id, "Draft");
		T_ASSERT(store_sub_set_state(dc.db, draft, "draft", 0, dc.now)
		    == STORE_OK);
		T_ASSERT(audit_log(&dc, 0, "test.draft", "submission", draft,
		    "") == 0);
		T_ASSERT(audit_log(&dc, 0, "test.call", "call", cid, "") == 0);
		dc.user = &chair;
		memset(&kp, 0, sizeof(kp));
		pages = 0;
		do {
			kp.after = kp.next;
			T_ASSERT(call_audit(&dc, cid, &kp, &rows, &n) ==
			    RES_OK);
			T_ASSERT(n == CHAIR_PAGE || kp.next == 0);
			for (i = 0; i < n; i++) {
				T_ASSERT(strcmp(rows[i].action,
				    "test.hidden") != 0);
				T_ASSERT(strcmp(rows[i].action,
				    "test.draft") != 0);
				nv += strcmp(rows[i].action,
				    "test.visible") == 0;
				if (pages == 0 && i == 0)
					T_STREQ(rows[i].action, "test.call");
			}
			pages++;
		} while (kp.next > 0 && pages < 20);
		T_ASSERT(nv == 60);
	}
}

/* The reviewer's list and the submitter's list, both ways. */
static void
mine_walk(void)
{
	struct user		 chair, rev, sub;
	struct keypage		 pg;
	struct review_assigned	*ra;
	struct submission_row		*rows;
	int64_t			 cid, sid[120], seen[160];
	size_t			 i, n, ns = 0, pages = 0;

	(void)user_as(&chair, "chair3@lists.test", "chair");
	(void)user_as(&rev, "rev@lists.test", "reviewer");
	(void)user_as(&sub, "sub3@lists.test", "learner");
	dc.user = &chair;
	cid = make_call();
	for (i = 0; i < 120; i++) {
		sid[i] = make_sub(cid, sub.id, "Mine");
		T_ASSERT(store_sub_set_state(dc.db, sid[i], "under_review", 0,
		    dc.now) == STORE_OK);
		T_ASSERT(store_assign_add(dc.db, sid[i], rev.id, chair.id,
		    dc.now) == STORE_OK);
		/* A conflict since the assignment hides 60 in a row. */
		if (i >= 20 && i < 80)
			T_ASSERT(store_conflict_set(dc.db, sid[i], rev.id,
			    "confirmed", "x", dc.now) == STORE_OK);
	}
	dc.user = &rev;
	memset(&pg, 0, sizeof(pg));
	do {
		pg.after = pg.next;
		T_ASSERT(review_assignments(&dc, &pg, &ra, &n) == RES_OK);
		T_ASSERT(n == REVIEW_PAGE || pg.next == 0);
		for (i = 0; i < n && ns < 160; i++)
			seen[ns++] = ra[i].s.id;
		pages++;
	} while (pg.next > 0 && pages < 10);
	T_ASSERT(ns == 60 && pages == 2);
	for (i = 0; i < ns; i++)
		T_ASSERT(seen[i] == sid[i < 40 ? 119 - i : 59 - i]);
	/* Back from the second page. */
	pg.before = pg.prev;
	pg.after = 0;
	T_ASSERT(review_assignments(&dc, &pg, &ra, &n) == RES_OK);
	T_ASSERT(n == REVIEW_PAGE && ra[0].s.id == sid[119] && pg.prev == 0);
	/* The submitter's own list: 120, newest first, three pages. */
	dc.user = &sub;
	memset(&pg, 0, sizeof(pg));
	ns = pages = 0;
	do {
		pg.after = pg.next;
		T_ASSERT(submission_mine(&dc, &pg, &rows, &n) == RES_OK);
		T_ASSERT(n == SUB_MINE_PAGE || pg.next == 0);
		for (i = 0; i < n && ns < 160; i++)
			seen[ns++] = rows[i].id;
		pages++;
	} while (pg.next > 0 && pages < 10);
	T_ASSERT(ns == 120 && pages == 3);
	for (i = 0; i < ns; i++)
		T_ASSERT(seen[i] == sid[119 - i]);
	pg.before = pg.prev;
	pg.after = 0;
	T_ASSERT(submission_mine(&dc, &pg, &rows, &n) == RES_OK);
	T_ASSERT(n == SUB_MINE_PAGE && rows[0].id == sid[69] &&
	    pg.prev == sid[69] && pg.next == sid[20]);
}

static void
run(int onpg)
{
	if ((dc.db = tstore_open(onpg)) == NULL) {
		if (onpg)
			T_SKIP("ETHICA_TEST_PG unset");
		return;
	}
	dc.a = arena_new();
	dc.now = 1800000000;
	dc.lang = i18n_default();
	dc.public_url = "http://test";
	dc.data_dir = "/tmp";
	counts(onpg);
	pairs();
	users_walk();
	audit_walk();
	mine_walk();
	arena_free(dc.a);
	tstore_close(dc.db);
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
	T_RUN(test_keypage);
	T_RUN(test_sqlite);
	T_RUN(test_postgres);
	return (t_done());
}
