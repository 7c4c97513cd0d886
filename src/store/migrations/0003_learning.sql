-- Learning: enrolments, lesson progress and quiz attempts. Rows are keyed
-- by the course slug and the manifest's stable lesson and quiz ids (text),
-- never by course table ids, so progress survives new course versions.
CREATE TABLE enrolments (
	id		INTEGER PRIMARY KEY,
	user_id		BIGINT NOT NULL REFERENCES users(id),
	course_slug	TEXT NOT NULL,
	enrolled_at	BIGINT NOT NULL,
	last_lesson	TEXT NOT NULL DEFAULT '',
	last_seen_at	BIGINT NOT NULL DEFAULT 0,
	completed_at	BIGINT,
	UNIQUE (user_id, course_slug)
);

CREATE TABLE lesson_progress (
	user_id		BIGINT NOT NULL REFERENCES users(id),
	course_slug	TEXT NOT NULL,
	lesson_key	TEXT NOT NULL,
	done_at		BIGINT NOT NULL,
	PRIMARY KEY (user_id, course_slug, lesson_key)
) WITHOUT ROWID;

-- One row per attempt; number counts a learner's attempts at one quiz
-- (the unique key stops two concurrent starts from exceeding the limit).
-- answers is the stored form of quiz_grade.h; submitted_at NULL = open.
CREATE TABLE quiz_attempts (
	id		INTEGER PRIMARY KEY,
	user_id		BIGINT NOT NULL REFERENCES users(id),
	course_slug	TEXT NOT NULL,
	quiz_key	TEXT NOT NULL,
	number		INTEGER NOT NULL,
	seed		BIGINT NOT NULL,
	started_at	BIGINT NOT NULL,
	submitted_at	BIGINT,
	answers		TEXT NOT NULL DEFAULT '',
	points		INTEGER NOT NULL DEFAULT 0,
	max_points	INTEGER NOT NULL DEFAULT 0,
	percent		INTEGER NOT NULL DEFAULT 0,
	passed		INTEGER NOT NULL DEFAULT 0 CHECK (passed IN (0, 1)),
	UNIQUE (user_id, course_slug, quiz_key, number)
);
