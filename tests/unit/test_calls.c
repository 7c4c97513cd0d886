/*
 * test_calls.c: the open call's domain on SQLite and (when ETHICA_TEST_PG
 * is set) PostgreSQL: call and rubric, draft/submit/versions/attachments,
 * the visibility rule on every read path (a conflicted reviewer or chair
 * gets nothing: case, files, reviews, lists, export, audit, fairness),
 * reviews only after one's own, decisions and the public view, CSV
 * injection neutralised, fairness cells suppressed under 5.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/assign.h"
#include "domain/call.h"
#include "domain/call_chair.h"
#include "domain/crypto.h"
#include "domain/csv.h"
#include "domain/dctx.h"
#include "domain/fairness.h"
#include "domain/review.h"
#include "domain/submission.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/st_seed.h"
#include "web/i18n.h"
#include "t.h"
#include "tstore.h"

#define PW	"correct horse battery"

static struct dctx	dc;
static struct user	users[10];
enum { CHAIR, CHAIR2, REV1, REV2, REV3, REV4, SUB1, SUB2, NUSERS };

static const char *const emails[NUSERS] = {
	"chair@calls.test", "chair2@calls.test", "rev1@review.test",
	"rev2@acme.example", "rev3@review.test", "rev4@review.test",
	"sub1@acme.example", "sub2@other.test"
};
static const char *const roles[NUSERS] = {
	"chair", "chair", "reviewer", "reviewer", "reviewer", "reviewer",
	"learner", "learner"
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
	char	name[32];

	for (i = 0; i < NUSERS; i++) {
		(void)snprintf(name, sizeof(name), "User %d", i);
		T_ASSERT(account_create(&dc, emails[i], name, PW, roles[i],
		    &users[i].id) == RES_OK);
		users[i].email = emails[i];
		users[i].display_name = arena_strdup(dc.a, name);
		users[i].role = roles[i];
		users[i].language = "";
		users[i].country = "";
		users[i].verified = 1;
	}
}

static int64_t
make_call(int64_t opens, int64_t closes, const char *blind)
{
	struct call_form	f;
	struct form_errors	fe;
	int64_t			id = 0;

	memset(&f, 0, sizeof(f));
	memset(&fe, 0, sizeof(fe));
	f.default_lang = "en";
	f.title_en = "Test call";
	f.description_en = "About *AI*.";
	f.other_lang = "ko";
	f.title_other = "시험 공모";
	f.opens = call_format_utc(dc.a, opens);
	f.closes = call_format_utc(dc.a, closes);
	f.blind_mode = blind;
	f.reviewers = "2";
	f.public_fields = "organisation,summary";
	f.ncrit = call_default_rubric(f.crit);
	act(CHAIR);
	T_ASSERT(call_save(&dc, 0, &f, &fe, &id) == RES_OK);
	return (id);
}

static void
full_form(struct submission_form *f, const char *title)
{
	memset(f, 0, sizeof(*f));
	f->organisation = "Acme Health";
	f->sector = "private-sector";
	f->country = "KE";
	f->category = "tools-applications";
	f->tags = "fairness,gender";
	f->title = title;
	f->summary = "Summary.";
	f->ai_system = "Triage.";
	f->actions = "Audits.";
	f->outcomes = "Fewer errors.";
	f->lessons = "Start early.";
	f->links = "https://acme.example/case";
	f->language = "en";
	f->collaborators = "rev4@review.test";
	f->consent_publish = 1;
}

static void
run(int onpg)
{
	struct db		*db;
	struct call		 call;
	struct form_errors	 fe;
	struct submission_form		 f;
	struct submission_view		 sv;
	struct review_case	 rc;
	struct submission_row		*rows;
	struct review_assigned	*ra;
	struct keypage		 kp;
	struct chair_submission	*cases;
	struct chair_page	 pg;
	struct fairness_item	*items;
	struct audit_row	*audit;
	struct submission_public	 pub;
	struct file_row		 file;
	struct buf		 csv;
	int64_t			 cid, s1, s2, s3, fid, sc[8], ids[2];
	size_t			 n, i, found, added, unc, done;
	struct call_form	 cf;
	uint64_t		 trips;
	int			 saw;

	if ((db = tstore_open(onpg)) == NULL) {
		if (onpg && !t_have_pg())
			T_SKIP("PostgreSQL: ETHICA_TEST_PG unset");
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
	cid = make_call(dc.now - 86400, dc.now + 86400, "double");
	T_ASSERT(call_get(&dc, cid, "ko", &call) == RES_OK);
	T_STREQ(call.r.title, "시험 공모");
	T_ASSERT(call.ncrit == 5 && call.open);
	T_STREQ(call.crit[0].name, "Relevance to the Recommendation");
	/* Again from the call cache, no query; an edit is seen at once. */
	T_ASSERT(call_get(&dc, cid, "en", &call) == RES_OK);
	dctx_read_begin(&dc);
	(void)dctx_content_version(&dc);
	trips = db_trips(dc.db);
	T_ASSERT(call_get(&dc, cid, "en", &call) == RES_OK);
	T_ASSERT(db_trips(dc.db) == trips);
	dctx_read_end(&dc);
	T_STREQ(call.r.title, "Test call");
	memset(&cf, 0, sizeof(cf));
	cf.default_lang = "en";
	cf.title_en = "Test call, edited";
	cf.description_en = "About *AI*.";
	cf.other_lang = "ko";
	cf.title_other = "시험 공모";
	cf.opens = call_format_utc(dc.a, call.r.opens_at);
	cf.closes = call_format_utc(dc.a, call.r.closes_at);
	cf.blind_mode = call.r.blind_mode;
	cf.reviewers = "2";
	cf.public_fields = call.r.public_fields;
	for (i = 0; i < call.ncrit; i++)
		cf.crit[i] = call.crit[i];
	cf.ncrit = call.ncrit;
	cf.crit[0].name = "Relevance, edited";
	memset(&fe, 0, sizeof(fe));
	act(CHAIR);
	T_ASSERT(call_save(&dc, cid, &cf, &fe, &s3) == RES_OK && s3 == cid);
	T_ASSERT(call_get(&dc, cid, "en", &call) == RES_OK);
	T_STREQ(call.r.title, "Test call, edited");
	T_STREQ(call.crit[0].name, "Relevance, edited");

	/* Only chairs make calls; bad dates are refused. */
	act(SUB1);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(call_save(&dc, 0, &(struct call_form){ 0 }, &fe, &s3) ==
	    RES_FORBIDDEN);

	/* A draft keeps anything; submitting checks everything. */
	act(SUB1);
	memset(&f, 0, sizeof(f));
	f.title = "Half done";
	f.up[0].name = "evidence.pdf";
	f.up[0].data = "%PDF-1.4 test";
	f.up[0].len = 13;
	f.up[1].name = "fake.pdf";
	f.up[1].data = "MZ not a pdf";
	f.up[1].len = 12;
	f.nup = 2;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_create(&dc, cid, &f, 0, &fe, &s1) == RES_INVALID);
	T_ASSERT(s1 > 0);
	T_ASSERT(form_error_for(&fe, "attachments") != NULL);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_OK);
	T_STREQ(sv.s.title, "Half done");
	T_STREQ(sv.s.state, "draft");
	/* One refused file refuses its batch: the good one is not kept
	 * either, and the refused one is named. */
	T_ASSERT(sv.nfiles == 0);
	T_CONTAINS(form_error_for(&fe, "attachments"), "fake.pdf");
	f.nup = 1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_save(&dc, s1, &f, 0, &fe) == RES_OK);
	/* Sending the same file again (a retry) stores nothing twice. */
	T_ASSERT(submission_save(&dc, s1, &f, 0, &fe) == RES_OK);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_OK);
	T_ASSERT(sv.nfiles == 1);
	fid = sv.files[0].id;
	memset(&fe, 0, sizeof(fe));
	f.nup = 0;
	T_ASSERT(submission_save(&dc, s1, &f, 1, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "organisation") != NULL);
	T_ASSERT(form_error_for(&fe, "tags") != NULL);
	T_ASSERT(form_error_for(&fe, "title") == NULL);
	full_form(&f, "=HYPERLINK(\"http://evil\")");
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_save(&dc, s1, &f, 1, &fe) == RES_OK);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_OK);
	T_STREQ(sv.s.state, "submitted");
	T_ASSERT(sv.s.version == 1 && sv.editable && sv.nfiles == 1);
	/* An edit before the deadline is a new version. */
	T_ASSERT(submission_save(&dc, s1, &f, 0, &fe) == RES_OK);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_OK);
	T_ASSERT(sv.s.version == 2);
	/* An invalid edit of a submitted case changes nothing. */
	f.title = "";
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_save(&dc, s1, &f, 0, &fe) == RES_INVALID);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_OK);
	T_STREQ(sv.s.title, "=HYPERLINK(\"http://evil\")");

	/* Another submitter sees nothing and changes nothing. */
	act(SUB2);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_NOT_FOUND);
	T_ASSERT(submission_file(&dc, s1, fid, &file) == RES_NOT_FOUND);
	T_ASSERT(submission_save(&dc, s1, &f, 1, &fe) == RES_NOT_FOUND);
	T_ASSERT(submission_withdraw(&dc, s1) == RES_NOT_FOUND);
	full_form(&f, "Second case");
	f.organisation = "Other Org";
	f.country = "FR";
	f.collaborators = "";
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_create(&dc, cid, &f, 1, &fe, &s2) == RES_OK);
	act(-1);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_NOT_FOUND);

	/* Conflicts: declared (REV3 on s1, CHAIR2 on s1) and detected (REV2
	 * same domain and organisation, REV4 listed collaborator). */
	act(REV3);
	T_ASSERT(review_conflict_declare(&dc, s1, "former colleague") ==
	    RES_OK);
	act(CHAIR2);
	T_ASSERT(review_conflict_declare(&dc, s1, "") == RES_OK);
	act(REV2);
	T_ASSERT(review_expertise_save(&dc, users[REV2].id, "Acme Health",
	    "fairness", "africa", "en", &fe) == RES_OK);
	act(CHAIR);
	T_ASSERT(review_conflicts_detect(&dc, cid, &found) == RES_OK);
	T_ASSERT(found == 2);
	T_ASSERT(assign_auto(&dc, cid, &added, &unc) == RES_OK);
	/* s1 has one reviewer free of conflicts (REV1), s2 gets two. */
	T_ASSERT(unc == 1);
	T_ASSERT(added == 3);
	T_ASSERT(assign_manual(&dc, s1, users[REV3].id, 1) == RES_CONFLICT);

	/* The conflicted reviewer sees nothing on any path. */
	act(REV3);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_NOT_FOUND);
	T_ASSERT(review_case(&dc, s1, "en", &rc) == RES_NOT_FOUND);
	T_ASSERT(submission_file(&dc, s1, fid, &file) == RES_NOT_FOUND);
	T_ASSERT(review_post(&dc, s1, "hi", &fe) == RES_NOT_FOUND);
	T_ASSERT(review_save(&dc, s1, sc, 0, "x", "", 0, &fe) ==
	    RES_NOT_FOUND);
	memset(&kp, 0, sizeof(kp));
	T_ASSERT(review_assignments(&dc, &kp, &ra, &n) == RES_OK);
	for (i = 0; i < n; i++)
		T_ASSERT(ra[i].s.id != s1);
	T_ASSERT(review_candidates(&dc, cid, &rows, &n) == RES_OK);
	for (i = 0; i < n; i++)
		T_ASSERT(rows[i].id != s1);
	T_ASSERT(call_cases(&dc, cid, memset(&pg, 0, sizeof(pg)), &cases, &n) == RES_FORBIDDEN);

	/* Reviewers: double-blind, others' reviews only after one's own. */
	act(REV1);
	T_ASSERT(review_case(&dc, s1, "en", &rc) == RES_OK);
	T_ASSERT(rc.v.blind);
	T_STREQ(rc.v.s.organisation, "");
	T_STREQ(rc.v.s.submitter_email, "");
	T_STREQ(rc.v.s.links, "");
	T_STREQ(rc.v.s.collaborators, "");
	T_ASSERT(strstr(rc.v.files[0].filename, "evidence") == NULL);
	T_ASSERT(!rc.see_others && rc.can_edit);
	for (i = 0; i < 8; i++)
		sc[i] = 4;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(review_save(&dc, s1, sc, 3, "Good", "", 1, &fe) ==
	    RES_INVALID);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(review_save(&dc, s1, sc, 5, "Good work.", "Secret note", 1,
	    &fe) == RES_OK);
	T_ASSERT(review_case(&dc, s1, "en", &rc) == RES_OK);
	T_ASSERT(rc.see_others && rc.nreviews == 1);
	T_ASSERT(review_post(&dc, s1, "Shall we select it?", &fe) == RES_OK);
	/* On s2, the second reviewer sees nothing of the first's review
	 * or the discussion before submitting their own. */
	saw = -1;
	for (i = REV2; i <= REV4; i++) {
		act((int)i);
		if (review_case(&dc, s2, "en", &rc) != RES_OK)
			continue;
		if (saw == -1) {
			saw = (int)i;
			memset(&fe, 0, sizeof(fe));
			T_ASSERT(review_save(&dc, s2, sc, 5, "Fine.", "Meh",
			    1, &fe) == RES_OK);
			T_ASSERT(review_post(&dc, s2, "Thoughts?", &fe) ==
			    RES_OK);
			continue;
		}
		T_ASSERT(!rc.see_others && rc.nreviews == 0 && rc.nposts == 0);
		T_ASSERT(review_post(&dc, s2, "x", &fe) == RES_FORBIDDEN);
		/* saving one's own review never touches the other's */
		memset(&fe, 0, sizeof(fe));
		T_ASSERT(review_save(&dc, s2, sc, 5, "Mine.", "", 0, &fe) ==
		    RES_OK);
		T_ASSERT(review_case(&dc, s2, "en", &rc) == RES_OK);
		T_STREQ(rc.mine.to_submitter, "Mine.");
		saw = 100;
	}
	T_ASSERT(saw == 100);
	act(REV1);
	T_ASSERT(review_case(&dc, s2, "en", &rc) == RES_NOT_FOUND);

	/* The conflicted chair sees nothing; the other chair sees all. */
	act(CHAIR2);
	T_ASSERT(call_cases(&dc, cid, memset(&pg, 0, sizeof(pg)), &cases, &n) == RES_OK);
	T_ASSERT(n == 1 && cases[0].s.id == s2);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_NOT_FOUND);
	buf_init(&csv);
	T_ASSERT(call_export_csv(&dc, cid, &csv) == RES_OK);
	buf_putc(&csv, '\0');
	T_ASSERT(strstr(csv.data, "HYPERLINK") == NULL);
	buf_free(&csv);
	memset(&kp, 0, sizeof(kp));
	T_ASSERT(call_audit(&dc, cid, &kp, &audit, &n) == RES_OK);
	saw = 0;
	for (i = 0; i < n; i++)
		if (strcmp(audit[i].object_id, "1") == 0 &&
		    strcmp(audit[i].object_type, "submission") == 0 &&
		    s1 == 1)
			saw = 1;
	T_ASSERT(!saw);
	T_ASSERT(call_fairness(&dc, cid, &items, &n) == RES_OK && n == 1);
	ids[0] = s1;
	T_ASSERT(submission_decide(&dc, ids, 1, "excellent", "Great", 1, &fe,
	    &done) == RES_NOT_FOUND);

	act(CHAIR);
	buf_init(&csv);
	T_ASSERT(call_export_csv(&dc, cid, &csv) == RES_OK);
	buf_putc(&csv, '\0');
	T_CONTAINS(csv.data, "\"'=HYPERLINK(\"\"http://evil\"\")\"");
	T_CONTAINS(csv.data, "4.00");
	buf_free(&csv);
	T_ASSERT(call_cases(&dc, cid, memset(&pg, 0, sizeof(pg)), &cases, &n) == RES_OK && n == 2);
	T_ASSERT(submission_public_view(&dc, s1, &pub) == RES_NOT_FOUND);
	ids[0] = s1;
	ids[1] = s2;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_decide(&dc, ids, 2, "best", "x", 1, &fe, &done) ==
	    RES_INVALID);
	/* 13.12: no decision chosen is refused with its own message,
	 * never taken for the first option. */
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_decide(&dc, ids, 2, NULL, "x", 1, &fe, &done) ==
	    RES_INVALID && done == 0);
	T_CONTAINS(form_error_for(&fe, "decision"), "none was chosen");
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_decide(&dc, ids, 2, "", "x", 1, &fe, &done) ==
	    RES_INVALID && done == 0);
	T_CONTAINS(form_error_for(&fe, "decision"), "none was chosen");
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(submission_decide(&dc, ids, 2, "excellent", "Exemplary.",
	    1, &fe, &done) == RES_OK);
	T_ASSERT(done == 2);
	T_ASSERT(submission_public_view(&dc, s1, &pub) == RES_OK);
	T_STREQ(pub.organisation, "Acme Health");
	T_STREQ(pub.summary, "Summary.");
	T_STREQ(pub.actions, "");
	T_STREQ(pub.license, "CC-BY-4.0");
	T_ASSERT(submission_move(&dc, s1, "published", NULL, &fe, NULL) ==
	    RES_OK);
	T_ASSERT(submission_public_view(&dc, s1, &pub) == RES_OK);
	T_STREQ(pub.state, "published");
	T_ASSERT(submission_move(&dc, s1, "decided", "Test.", &fe, NULL) ==
	    RES_OK);
	act(CHAIR2);
	T_ASSERT(submission_move(&dc, s1, "published", NULL, &fe, NULL) ==
	    RES_NOT_FOUND);
	T_ASSERT(call_fairness(&dc, cid, &items, &n) == RES_OK);

	/* The submitter sees the decision and comments, not the secret. */
	act(SUB1);
	T_ASSERT(submission_get(&dc, s1, "en", &sv) == RES_OK);
	T_STREQ(sv.s.decision, "excellent");
	T_ASSERT(sv.nfeedback == 1);
	T_STREQ(sv.feedback[0].to_submitter, "Good work.");
	T_STREQ(sv.feedback[0].confidential, "");
	T_STREQ(sv.feedback[0].display_name, "");

	/* After the deadline nothing of the submitter's changes. */
	dc.now += 2 * 86400;
	act(SUB2);
	full_form(&f, "Third");
	T_ASSERT(submission_create(&dc, cid, &f, 0, &fe, &s3) == RES_CONFLICT);
	act(SUB1);
	T_ASSERT(submission_withdraw(&dc, s1) == RES_CONFLICT);
	arena_free(dc.a);
	tstore_close(db);
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

/*
 * The chair's case list in pages (issue 14.1): 130 cases, the chair in
 * conflict with the 10th to the 80th (more than a page in a row, so that
 * the skip reads past one batch); walking "next" from the first page and
 * "prev" back from the last shows each visible case once, in id order,
 * 50 at most a page; the state filter; counts and means per row.
 */
static void
list_pages(int onpg)
{
	struct db		*db;
	struct chair_page	 pg;
	struct chair_submission	*cases;
	struct seed_sub		 in;
	int64_t			 cid, sid[130], *crit, seen[130];
	int			 scores[16], added;
	size_t			 ncrit, n, i, k, nseen, pages;
	uint64_t		 trips;

	if ((db = tstore_open(onpg)) == NULL) {
		if (onpg)
			printf("  (PostgreSQL skipped: ETHICA_TEST_PG unset)\n");
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
	cid = make_call(dc.now - 86400, dc.now + 86400, "double");
	T_ASSERT(store_seed_criteria(db, dc.a, cid, &crit, &ncrit) ==
	    STORE_OK && ncrit > 0 && ncrit <= 16);
	for (i = 0; i < 130; i++) {
		memset(&in, 0, sizeof(in));
		in.call_id = cid;
		T_ASSERT(store_seed_user(db, arena_printf(dc.a,
		    "s%zu@list.test", i), "S", "x", dc.now, &in.submitter_id)
		    == STORE_OK);
		in.organisation = in.sector = in.country = in.category = "";
		in.tags = in.summary = "";
		in.title = arena_printf(dc.a, "Case %zu", i);
		in.now = dc.now;
		T_ASSERT(store_seed_submission(db, &in, &sid[i], &added) ==
		    STORE_OK && added);
		if (i >= 9 && i < 80)
			T_ASSERT(store_conflict_set(db, sid[i],
			    users[CHAIR].id, "confirmed", "x", dc.now) ==
			    STORE_OK);
	}
	for (k = 0; k < ncrit; k++)
		scores[k] = k == 0 ? 5 : 4;
	T_ASSERT(store_seed_review(db, sid[0], users[REV1].id, crit, scores,
	    ncrit, dc.now) == STORE_OK);
	/* A page of the list is one query (issue 14: round trips per page):
	 * the call comes from the call cache, what the chair may see with
	 * each row (CHAIR2 has no conflicts: one batch is the page). */
	act(CHAIR2);
	dctx_read_begin(&dc);
	memset(&pg, 0, sizeof(pg));
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK);
	trips = db_trips(db);
	memset(&pg, 0, sizeof(pg));
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK);
	T_ASSERT(db_trips(db) - trips == 1);
	T_ASSERT(n == CHAIR_PAGE);
	dctx_read_end(&dc);
	act(CHAIR);
	/* Forward. */
	memset(&pg, 0, sizeof(pg));
	nseen = pages = 0;
	do {
		pg.k.before = 0;
		T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK);
		T_ASSERT(n <= CHAIR_PAGE && n > 0);
		T_ASSERT((pages == 0) == (pg.k.prev == 0));
		for (i = 0; i < n && nseen < 130; i++)
			seen[nseen++] = cases[i].s.id;
		if (pages++ == 0) {
			T_ASSERT(n == CHAIR_PAGE);
			T_ASSERT(cases[0].s.id == sid[0]);
			T_ASSERT(cases[0].nassigned == 1);
			T_ASSERT(cases[0].mean10 == (int64_t)((5 + 4 *
			    (ncrit - 1)) * 10 + ncrit / 2) / (int64_t)ncrit);
			T_ASSERT(cases[1].nassigned == 0 &&
			    cases[1].mean10 == -1);
			T_ASSERT(cases[9].s.id == sid[80]);
		}
		pg.k.after = pg.k.next;
	} while (pg.k.next > 0 && pages < 10);
	T_ASSERT(pages == 2 && nseen == 130 - 71);
	for (i = 0, k = 0; i < 130; i++) {
		if (i >= 9 && i < 80)
			continue;
		T_ASSERT(k < nseen && seen[k] == sid[i]);
		k++;
	}
	/* Back from the last page. */
	memset(&pg, 0, sizeof(pg));
	pg.k.before = sid[129] + 1;
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK);
	T_ASSERT(n == CHAIR_PAGE && cases[n - 1].s.id == sid[129] &&
	    cases[0].s.id == sid[80]);
	T_ASSERT(pg.k.prev == sid[80] && pg.k.next == sid[129]);
	pg.k.after = 0;
	pg.k.before = pg.k.prev;
	/* Fewer than a page before it: the first page. */
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK);
	T_ASSERT(n == CHAIR_PAGE && cases[0].s.id == sid[0] &&
	    cases[9].s.id == sid[80] && pg.k.prev == 0 &&
	    pg.k.next == cases[n - 1].s.id);
	/* Forged keys: past the end, before the start: the first page. */
	memset(&pg, 0, sizeof(pg));
	pg.k.after = sid[129] + 1000;
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK);
	T_ASSERT(n == CHAIR_PAGE && cases[0].s.id == sid[0] &&
	    pg.k.prev == 0 && pg.k.next == cases[n - 1].s.id);
	memset(&pg, 0, sizeof(pg));
	pg.k.before = 1;
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK);
	T_ASSERT(n == CHAIR_PAGE && cases[0].s.id == sid[0] &&
	    pg.k.prev == 0);
	/* Filters: a state, a state with no case, an unknown state. */
	memset(&pg, 0, sizeof(pg));
	pg.state = "under_review";
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK &&
	    n == CHAIR_PAGE && pg.k.next == cases[n - 1].s.id);
	pg.state = "decided";
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK && n == 0 &&
	    pg.k.next == 0);
	pg.state = "nonsense";
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK && n == 0);
	/* The other chair has no conflict: all 130 in three pages. */
	act(CHAIR2);
	memset(&pg, 0, sizeof(pg));
	nseen = 0;
	do {
		T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_OK);
		nseen += n;
		pg.k.after = pg.k.next;
	} while (pg.k.next > 0 && nseen < 1000);
	T_ASSERT(nseen == 130);
	act(REV1);
	memset(&pg, 0, sizeof(pg));
	T_ASSERT(call_cases(&dc, cid, &pg, &cases, &n) == RES_FORBIDDEN);
	arena_free(dc.a);
	tstore_close(db);
}

static void
test_list_sqlite(void)
{
	list_pages(0);
}

static void
test_list_postgres(void)
{
	list_pages(1);
}

static void
test_csv_cells(void)
{
	struct buf	b;

	buf_init(&b);
	csv_cell(&b, "=1+1", 1);
	csv_cell(&b, "+1", 0);
	csv_cell(&b, "-1", 0);
	csv_cell(&b, "@SUM(A1)", 0);
	csv_cell(&b, "\tx", 0);
	csv_cell(&b, "\rx", 0);
	csv_cell(&b, "a,b", 0);
	csv_cell(&b, "say \"hi\"", 0);
	csv_cell(&b, "plain", 0);
	csv_cell(&b, NULL, 0);
	csv_int(&b, -5, 0);
	csv_end(&b);
	buf_putc(&b, '\0');
	T_STREQ(b.data, "'=1+1,'+1,'-1,'@SUM(A1),'\tx,\"'\rx\",\"a,b\","
	    "\"say \"\"hi\"\"\",plain,,'-5\r\n");
	buf_free(&b);
}

static void
test_fairness_cells(void)
{
	struct arena		*a = arena_new();
	struct fairness_item	 it[7];
	struct fairness_group	*g;
	size_t			 n, i;

	T_STREQ(fairness_region("KR"), "asia-pacific");
	T_STREQ(fairness_region("EG"), "arab-states");
	T_STREQ(fairness_region("NG"), "africa");
	T_STREQ(fairness_region("BR"), "latin-america-caribbean");
	T_STREQ(fairness_region("FR"), "europe-north-america");
	T_STREQ(fairness_region("US"), "europe-north-america");
	T_STREQ(fairness_region("XX"), "other");
	T_STREQ(fairness_region(""), "other");
	T_STREQ(fairness_cell(a, 0), "< 5");
	T_STREQ(fairness_cell(a, 4), "< 5");
	T_STREQ(fairness_cell(a, 5), "5");
	T_STREQ(fairness_rate(a, 4, 10), "—");
	T_STREQ(fairness_rate(a, 5, 10), "50%");
	for (i = 0; i < 7; i++) {
		memset(&it[i], 0, sizeof(it[i]));
		it[i].country = i < 6 ? "KE" : "FR";
		it[i].sector = "government";
		it[i].category = "multi-stakeholder";
		it[i].language = "en";
		it[i].selected = i < 5;
	}
	fairness_group(a, it, 7, FAIR_REGION, &g, &n);
	T_ASSERT(n == 2);
	T_STREQ(g[0].key, "africa");
	T_ASSERT(g[0].submitted == 6 && g[0].selected == 5);
	T_STREQ(g[1].key, "europe-north-america");
	T_ASSERT(g[1].submitted == 1 && g[1].selected == 0);
	arena_free(a);
}

/* 13.12: a version's snapshot reads back into its fields, multi-line
 * texts included, in the order of submission_fields. */
static void
test_snapshot_fields(void)
{
	struct arena	*a = arena_new();
	struct submission_row	 r;
	char		*v[SUB_SNAP_NFIELDS];

	memset(&r, 0, sizeof(r));
	r.organisation = "Acme";
	r.sector = "private-sector";
	r.country = "KE";
	r.category = "tools-applications";
	r.tags = "fairness,privacy";
	r.language = "ko";
	r.consent_publish = 1;
	r.consent_contact = 0;
	r.collaborators = "a@b.test";
	r.title = "인공지능 윤리";
	r.summary = "Line one.\n\nLine two.";
	r.ai_system = "A model.";
	r.actions = "";
	r.outcomes = "Less.\n";
	r.lessons = "Early.";
	r.links = "https://x.test/\nhttps://y.test/";
	submission_snapshot_parse(a, submission_snapshot(a, &r), v);
	T_STREQ(submission_fields[0].slug, "organisation");
	T_STREQ(v[0], "Acme");
	T_STREQ(v[2], "KE");
	T_STREQ(v[4], "fairness,privacy");
	T_STREQ(v[6], "1");
	T_STREQ(v[7], "0");
	T_STREQ(submission_fields[9].slug, "title");
	T_STREQ(v[9], "인공지능 윤리");
	T_STREQ(submission_fields[10].slug, "summary");
	T_STREQ(v[10], "Line one.\n\nLine two.");
	T_STREQ(v[12], "");
	T_STREQ(v[13], "Less.\n");
	T_STREQ(submission_fields[15].slug, "links");
	T_STREQ(v[15], "https://x.test/\nhttps://y.test/");
	submission_snapshot_parse(a, "garbage", v);
	T_STREQ(v[0], "");
	T_STREQ(v[15], "");
	arena_free(a);
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
	T_RUN(test_csv_cells);
	T_RUN(test_snapshot_fields);
	T_RUN(test_fairness_cells);
	T_RUN(test_sqlite);
	T_RUN(test_postgres);
	T_RUN(test_list_sqlite);
	T_RUN(test_list_postgres);
	return (t_done());
}
