-- Lists that scale (issue 14.1): every list that grows with the data is
-- paged by key, one range of an index per page.
--
-- The chair's case list shows each case's assignments and the sum and
-- count of its submitted reviews' scores: kept on the submission row,
-- recounted by the store in the same transaction as every write that
-- changes them (st_submissions.c, st_calls.c), instead of two correlated
-- subqueries per listed row (69 % of a worker on that page).
ALTER TABLE submissions ADD COLUMN n_assigned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN score_sum INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN score_n INTEGER NOT NULL DEFAULT 0;
UPDATE submissions SET
	n_assigned = (SELECT COUNT(*) FROM assignments k
	    WHERE k.submission_id = submissions.id),
	score_sum = (SELECT COALESCE(SUM(x.score), 0) FROM reviews r
	    JOIN review_scores x ON x.review_id = r.id
	    WHERE r.submission_id = submissions.id AND r.state = 'submitted'),
	score_n = (SELECT COUNT(x.score) FROM reviews r
	    JOIN review_scores x ON x.review_id = r.id
	    WHERE r.submission_id = submissions.id AND r.state = 'submitted');
-- The chair's audit of a call: the call an entry is about (the call
-- itself, or one of its submissions), set when the entry is written, so
-- that a page of it is one range of audit_log_call.
ALTER TABLE audit_log ADD COLUMN call_id BIGINT;
UPDATE audit_log SET call_id = CAST(object_id AS BIGINT)
	WHERE object_type = 'call';
UPDATE audit_log SET call_id = (SELECT s.call_id FROM submissions s
	WHERE s.id = CAST(audit_log.object_id AS BIGINT))
	WHERE object_type = 'submission';
CREATE INDEX audit_log_call ON audit_log(call_id, id);
-- The reviewer's list: a reviewer's assignments by case.
CREATE INDEX assignments_user_sub ON assignments(user_id, submission_id);
DROP INDEX assignments_user;
-- The submitter's own list, newest first.
CREATE INDEX submissions_submitter_id ON submissions(submitter_id, id);
DROP INDEX submissions_submitter;
-- The administrator's dead letters, newest first (and their count):
-- sent_at in the key, so that SQLite prefers it to outbox_due.
CREATE INDEX outbox_dead ON outbox(sent_at, id) WHERE dead_at IS NOT NULL;
-- The admin's audit log leaves out entries about the library case of a
-- submission the admin has a conflict on: found by submission.
CREATE INDEX cases_submission ON cases(submission_id);
