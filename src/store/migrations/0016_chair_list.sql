-- The chair's case list is paged by id within a call (issue 14, point 1):
-- each page is one range of one index, whatever the size of the call.
-- With a state filter, SQLite uses submissions_call (call_id, state),
-- whose entries keep their rowid, the id, in order after the key;
-- PostgreSQL's index needs the id.
CREATE INDEX submissions_call_id ON submissions(call_id, id);
-- @pg
CREATE INDEX submissions_call_state_id ON submissions(call_id, state, id);
-- @end
-- Each listed case's submitted reviews without reading their rows (the
-- list sums their scores).
CREATE INDEX reviews_sub_state ON reviews(submission_id, state, id);
CREATE INDEX review_scores_sum ON review_scores(review_id, score);
