/*
 * demo_calls.c: demo content of the open call: one open call with the
 * default rubric (English and Korean texts), reviewers' expertise, and
 * cases in several states: a draft, a submitted case, a case under review
 * with a submitted review, and a decided (selected) case. Idempotent: it
 * does nothing when a call exists. It goes through the domain functions
 * (each runs its own transaction) acting as the demo users.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "domain/assign.h"
#include "domain/call.h"
#include "domain/review.h"
#include "domain/submission.h"
#include "lib/mem.h"
#include "store/store.h"

static struct user	*as(struct dctx *, const char *email);
static int		 make_case(struct dctx *, int64_t call_id, int n,
			    int submit, int64_t *id);

static const char *const demo_cases[][9] = {
	{ "Seoul Digital Policy Office", "government", "KR",
	  "governance-frameworks",
	  "transparency,accountability,ethical-impact-assessment",
	  "Algorithmic impact assessment for city procurement",
	  "The city requires an ethical impact assessment before it buys any "
	  "AI system, and publishes the results.",
	  "Chatbots, benefit triage and traffic prediction systems bought by "
	  "the city.", "ko" },
	{ "Lagos Health Data Collaborative", "civil-society", "NG",
	  "multi-stakeholder", "fairness,privacy,health-wellbeing",
	  "Community oversight of a maternal-health triage model",
	  "Patients, nurses and engineers review a triage model together "
	  "every quarter.", "A model that ranks antenatal visits by risk.",
	  "en" },
	{ "Andes Fintech", "start-up", "PE", "tools-applications",
	  "fairness,transparency,economy-labour",
	  "Explaining credit decisions in Quechua and Spanish",
	  "Every applicant receives the reasons for a credit decision in "
	  "their language.", "A credit scoring model for small loans.", "es" },
	{ "Nordic AI Lab", "academia", "FI", "tools-applications",
	  "sustainability,environment-ecosystems",
	  "Energy labels for machine learning models",
	  "An open tool that measures and labels the energy used to train "
	  "and run models.", "Large language models used by universities.",
	  "en" },
};

/* The demo user with that email as the acting user. */
static struct user *
as(struct dctx *dc, const char *email)
{
	struct user_row	 r;
	struct user	*u;

	if (store_user_by_email(dc->db, dc->a, email, &r) != STORE_OK)
		return (NULL);
	u = account_user(dc, &r);
	dc->user = u;
	return (u);
}

static int
make_case(struct dctx *dc, int64_t call_id, int n, int submit, int64_t *id)
{
	struct submission_form		f;
	struct form_errors	fe;
	enum result		r;

	memset(&f, 0, sizeof(f));
	memset(&fe, 0, sizeof(fe));
	f.organisation = demo_cases[n][0];
	f.sector = demo_cases[n][1];
	f.country = demo_cases[n][2];
	f.category = demo_cases[n][3];
	f.tags = demo_cases[n][4];
	f.title = demo_cases[n][5];
	f.summary = demo_cases[n][6];
	f.ai_system = demo_cases[n][7];
	f.language = demo_cases[n][8];
	f.actions = "We wrote down who is affected, asked them, changed the "
	    "system where they showed us harm, and kept a public log of "
	    "every change.";
	f.outcomes = "Complaints fell by a third in the first year; an "
	    "independent audit found the documentation complete.";
	f.lessons = "Start with the people affected, budget for the audits, "
	    "and publish early even when the results are not flattering.";
	f.links = "https://example.org/practice";
	f.consent_publish = 1;
	f.consent_contact = 1;
	r = submission_create(dc, call_id, &f, submit, &fe, id);
	return (r == RES_OK ? 0 : -1);
}

int
demo_calls(struct opts *o, struct dctx *dc)
{
	struct call_form	 f;
	struct form_errors	 fe;
	struct call_row		*calls;
	const struct user	*saved = dc->user;
	const struct user	*u;
	int64_t			 r1, r2;
	int64_t			 call_id, ids[4], sc[CALL_MAX_CRITERIA];
	size_t			 n, i, done;
	int			 ret = -1;

	(void)o;
	if (call_list(dc, "en", &calls, &n) != RES_OK)
		return (-1);
	if (n > 0) {
		printf("demo call: already there\n");
		return (0);
	}
	memset(&f, 0, sizeof(f));
	memset(&fe, 0, sizeof(fe));
	if (as(dc, "chair@demo.ethica.example") == NULL)
		goto out;
	f.default_lang = "en";
	f.title_en = "Call for AI-ethics practice cases 2026";
	f.description_en = "How does your organisation put the ethics of AI "
	    "into practice? Governments, companies, start-ups, universities "
	    "and civil society from every country are welcome.\n\n"
	    "Selected cases join the **case library** and feed the courses.";
	f.other_lang = "ko";
	f.title_other = "2026 AI 윤리 실천 사례 공모";
	f.description_other = "여러분의 조직은 AI 윤리를 어떻게 실천하고 "
	    "있나요? 모든 나라의 정부, 기업, 스타트업, 대학, 시민사회의 "
	    "참여를 환영합니다.";
	f.opens = call_format_utc(dc->a, dc->now - 10 * 86400);
	f.closes = call_format_utc(dc->a, dc->now + 50 * 86400);
	f.blind_mode = "double";
	f.reviewers = "2";
	f.public_fields = "organisation,country,sector,summary,ai_system,"
	    "actions,outcomes,lessons,links,attachments";
	f.ncrit = call_default_rubric(f.crit);
	if (call_save(dc, 0, &f, &fe, &call_id) != RES_OK)
		goto out;
	if (as(dc, "reviewer@demo.ethica.example") == NULL ||
	    review_expertise_save(dc, dc->user->id, "Rosa Institute",
	    "fairness,transparency,privacy", "latin-america-caribbean,africa",
	    "en,es", &fe) != RES_OK ||
	    as(dc, "reviewer2@demo.ethica.example") == NULL ||
	    review_expertise_save(dc, dc->user->id, "Ravi Policy Lab",
	    "accountability,sustainability,governance", "asia-pacific",
	    "en,ko", &fe) != RES_OK)
		goto out;
	/* A draft and a submitted case by the learner. */
	if (as(dc, "learner@demo.ethica.example") == NULL ||
	    make_case(dc, call_id, 3, 0, &ids[3]) == -1 ||
	    make_case(dc, call_id, 2, 1, &ids[2]) == -1)
		goto out;
	/* Two cases by the author: under review, and decided. */
	if (as(dc, "author@demo.ethica.example") == NULL ||
	    make_case(dc, call_id, 0, 1, &ids[0]) == -1 ||
	    make_case(dc, call_id, 1, 1, &ids[1]) == -1)
		goto out;
	if ((u = as(dc, "reviewer@demo.ethica.example")) == NULL)
		goto out;
	r1 = u->id;
	if ((u = as(dc, "reviewer2@demo.ethica.example")) == NULL)
		goto out;
	r2 = u->id;
	if (as(dc, "chair@demo.ethica.example") == NULL ||
	    assign_manual(dc, ids[0], r1, 1) != RES_OK ||
	    assign_manual(dc, ids[1], r1, 1) != RES_OK ||
	    assign_manual(dc, ids[1], r2, 1) != RES_OK)
		goto out;
	for (i = 0; i < CALL_MAX_CRITERIA; i++)
		sc[i] = 3 + (int64_t)(i % 3);
	for (i = 0; i < 2; i++) {
		if (as(dc, "reviewer@demo.ethica.example") == NULL ||
		    review_save(dc, ids[i], sc, f.ncrit, "A clear, well "
		    "documented practice. Say more about who was consulted.",
		    "Strong candidate.", 1, &fe) != RES_OK)
			goto out;
	}
	if (as(dc, "chair@demo.ethica.example") == NULL ||
	    submission_decide(dc, &ids[1], 1, "excellent", "The group found "
	    "the community oversight exemplary and easy to adapt elsewhere.",
	    1, &fe, &done) != RES_OK)
		goto out;
	printf("demo call: /calls/%lld with 4 cases (draft, submitted, under "
	    "review, decided)\n", (long long)call_id);
	ret = 0;
out:
	if (ret == -1 && fe.n > 0)
		fprintf(stderr, "demo call: %s: %s\n", fe.field[0], fe.msgid[0]);
	dc->user = saved;
	return (ret);
}
