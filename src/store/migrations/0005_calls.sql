-- The open call for practice cases: calls with per-language texts and a
-- rubric, submissions with their submitted versions and attachments
-- (blobs, so nodes stay stateless), reviewer expertise, conflicts,
-- assignments, reviews with rubric scores, discussion, and the decision
-- mail templates chairs edit per language. Times are unix seconds.
CREATE TABLE calls (
	id		INTEGER PRIMARY KEY,
	default_lang	TEXT NOT NULL DEFAULT 'en',
	opens_at	BIGINT NOT NULL,
	closes_at	BIGINT NOT NULL,
	blind_mode	TEXT NOT NULL DEFAULT 'double'
			CHECK (blind_mode IN ('open','single','double')),
	reviewers_per_case INTEGER NOT NULL DEFAULT 3,
	public_fields	TEXT NOT NULL DEFAULT '',
	created_by	BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);

CREATE TABLE call_texts (
	call_id		BIGINT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
	lang		TEXT NOT NULL,
	title		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (call_id, lang)
);

CREATE TABLE call_criteria (
	id		INTEGER PRIMARY KEY,
	call_id		BIGINT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	name		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	anchor1		TEXT NOT NULL DEFAULT '',
	anchor2		TEXT NOT NULL DEFAULT '',
	anchor3		TEXT NOT NULL DEFAULT '',
	anchor4		TEXT NOT NULL DEFAULT '',
	anchor5		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX call_criteria_call ON call_criteria(call_id, position);

CREATE TABLE call_mail_templates (
	call_id		BIGINT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
	lang		TEXT NOT NULL,
	decision	TEXT NOT NULL,
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	PRIMARY KEY (call_id, lang, decision)
);

CREATE TABLE submissions (
	id		INTEGER PRIMARY KEY,
	call_id		BIGINT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
	submitter_id	BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	state		TEXT NOT NULL DEFAULT 'draft'
			CHECK (state IN ('draft','submitted','under_review',
			'decided','published','withdrawn')),
	version		INTEGER NOT NULL DEFAULT 0,
	organisation	TEXT NOT NULL DEFAULT '',
	sector		TEXT NOT NULL DEFAULT '',
	country		TEXT NOT NULL DEFAULT '',
	category	TEXT NOT NULL DEFAULT '',
	tags		TEXT NOT NULL DEFAULT '',
	title		TEXT NOT NULL DEFAULT '',
	summary		TEXT NOT NULL DEFAULT '',
	ai_system	TEXT NOT NULL DEFAULT '',
	actions		TEXT NOT NULL DEFAULT '',
	outcomes	TEXT NOT NULL DEFAULT '',
	lessons		TEXT NOT NULL DEFAULT '',
	links		TEXT NOT NULL DEFAULT '',
	language	TEXT NOT NULL DEFAULT '',
	consent_publish	INTEGER NOT NULL DEFAULT 0,
	consent_contact	INTEGER NOT NULL DEFAULT 0,
	collaborators	TEXT NOT NULL DEFAULT '',
	decision	TEXT NOT NULL DEFAULT '',
	decision_reason	TEXT NOT NULL DEFAULT '',
	submitted_at	BIGINT NOT NULL DEFAULT 0,
	decided_at	BIGINT NOT NULL DEFAULT 0,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX submissions_call ON submissions(call_id, state);
CREATE INDEX submissions_submitter ON submissions(submitter_id);

CREATE TABLE submission_versions (
	id		INTEGER PRIMARY KEY,
	submission_id	BIGINT NOT NULL REFERENCES submissions(id)
			ON DELETE CASCADE,
	version		INTEGER NOT NULL,
	snapshot	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	UNIQUE (submission_id, version)
);

CREATE TABLE submission_files (
	id		INTEGER PRIMARY KEY,
	submission_id	BIGINT NOT NULL REFERENCES submissions(id)
			ON DELETE CASCADE,
	filename	TEXT NOT NULL,
	content_type	TEXT NOT NULL,
	size		BIGINT NOT NULL,
	data		BLOB NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX submission_files_sub ON submission_files(submission_id);

CREATE TABLE reviewer_expertise (
	user_id		BIGINT PRIMARY KEY REFERENCES users(id)
			ON DELETE CASCADE,
	organisation	TEXT NOT NULL DEFAULT '',
	principles	TEXT NOT NULL DEFAULT '',
	regions		TEXT NOT NULL DEFAULT '',
	languages	TEXT NOT NULL DEFAULT '',
	updated_at	BIGINT NOT NULL
);

CREATE TABLE conflicts (
	submission_id	BIGINT NOT NULL REFERENCES submissions(id)
			ON DELETE CASCADE,
	user_id		BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	status		TEXT NOT NULL CHECK (status IN ('declared','proposed',
			'confirmed','dismissed')),
	reason		TEXT NOT NULL DEFAULT '',
	created_at	BIGINT NOT NULL,
	PRIMARY KEY (submission_id, user_id)
);
CREATE INDEX conflicts_user ON conflicts(user_id);

CREATE TABLE assignments (
	submission_id	BIGINT NOT NULL REFERENCES submissions(id)
			ON DELETE CASCADE,
	user_id		BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	assigned_by	BIGINT,
	created_at	BIGINT NOT NULL,
	PRIMARY KEY (submission_id, user_id)
);
CREATE INDEX assignments_user ON assignments(user_id);

CREATE TABLE reviews (
	id		INTEGER PRIMARY KEY,
	submission_id	BIGINT NOT NULL REFERENCES submissions(id)
			ON DELETE CASCADE,
	user_id		BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	state		TEXT NOT NULL DEFAULT 'draft'
			CHECK (state IN ('draft','submitted')),
	to_submitter	TEXT NOT NULL DEFAULT '',
	confidential	TEXT NOT NULL DEFAULT '',
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	submitted_at	BIGINT NOT NULL DEFAULT 0,
	UNIQUE (submission_id, user_id)
);

CREATE TABLE review_scores (
	review_id	BIGINT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
	criterion_id	BIGINT NOT NULL REFERENCES call_criteria(id)
			ON DELETE CASCADE,
	score		INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	PRIMARY KEY (review_id, criterion_id)
);

CREATE TABLE discussion (
	id		INTEGER PRIMARY KEY,
	submission_id	BIGINT NOT NULL REFERENCES submissions(id)
			ON DELETE CASCADE,
	user_id		BIGINT REFERENCES users(id) ON DELETE SET NULL,
	body		TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX discussion_sub ON discussion(submission_id, id);
