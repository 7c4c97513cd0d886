-- Quiz attempts keep the result of each question as it was graded (the
-- stored form of quiz_results_encode() in quiz_grade.h), so the feedback
-- page shows what was graded whatever language it is read in; '' for
-- attempts graded before this migration. quiz_grants holds the extra
-- attempts an author or chair of the course granted one learner at one
-- quiz, on top of the quiz's max_attempts.
ALTER TABLE quiz_attempts ADD COLUMN results TEXT NOT NULL DEFAULT '';

CREATE TABLE quiz_grants (
	user_id		BIGINT NOT NULL REFERENCES users(id),
	course_slug	TEXT NOT NULL,
	quiz_key	TEXT NOT NULL,
	extra		INTEGER NOT NULL DEFAULT 0 CHECK (extra >= 0),
	PRIMARY KEY (user_id, course_slug, quiz_key)
);
