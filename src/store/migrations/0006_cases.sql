-- The public library of practice cases (issue 7). A case is published
-- from a selected submission (only its public fields, with consent) or
-- loaded as an example entry. Edits after publishing add a row to
-- case_versions; unpublishing keeps the row with a reason so its URL can
-- say so (410). case_tags and the search index hold published cases
-- only: whatever is not published cannot be found, counted or dumped.
CREATE TABLE cases (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE,
	submission_id	BIGINT REFERENCES submissions(id) ON DELETE SET NULL,
	state		TEXT NOT NULL DEFAULT 'published'
			CHECK (state IN ('published','unpublished')),
	category	TEXT NOT NULL,
	organisation	TEXT NOT NULL DEFAULT '',
	sector		TEXT NOT NULL DEFAULT '',
	country		TEXT NOT NULL DEFAULT '',
	region		TEXT NOT NULL DEFAULT '',
	language	TEXT NOT NULL,
	year		INTEGER NOT NULL DEFAULT 0,
	title		TEXT NOT NULL,
	is_example	INTEGER NOT NULL DEFAULT 0,
	version		INTEGER NOT NULL DEFAULT 1,
	published_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	unpublished_at	BIGINT NOT NULL DEFAULT 0,
	unpublish_reason TEXT NOT NULL DEFAULT '',
	digest		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cases_state_published ON cases(state, published_at);
CREATE INDEX cases_updated ON cases(updated_at);

CREATE TABLE case_texts (
	case_id		BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	lang		TEXT NOT NULL,
	title		TEXT NOT NULL,
	summary		TEXT NOT NULL DEFAULT '',
	ai_system	TEXT NOT NULL DEFAULT '',
	actions		TEXT NOT NULL DEFAULT '',
	outcomes	TEXT NOT NULL DEFAULT '',
	lessons		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (case_id, lang)
);

-- kind: source (a primary source) or attachment
CREATE TABLE case_links (
	case_id		BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	kind		TEXT NOT NULL DEFAULT 'source',
	title		TEXT NOT NULL,
	url		TEXT NOT NULL,
	PRIMARY KEY (case_id, position)
);

CREATE TABLE case_versions (
	id		INTEGER PRIMARY KEY,
	case_id		BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	version		INTEGER NOT NULL,
	created_at	BIGINT NOT NULL,
	created_by	BIGINT REFERENCES users(id) ON DELETE SET NULL,
	note		TEXT NOT NULL DEFAULT '',
	UNIQUE (case_id, version)
);

-- Facets of published cases. kind: category value principle policy_area
-- sector region country lang year, and "all" (one row per case, slug '').
CREATE TABLE case_tags (
	case_id		BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL,
	slug		TEXT NOT NULL,
	PRIMARY KEY (case_id, kind, slug)
);
CREATE INDEX case_tags_slug ON case_tags(kind, slug, case_id);

-- Lessons that embed a case card (::case[slug]), written by course import.
CREATE TABLE case_lessons (
	case_slug	TEXT NOT NULL,
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	lesson_id	BIGINT NOT NULL REFERENCES course_lessons(id) ON DELETE CASCADE,
	PRIMARY KEY (case_slug, course_id, lesson_id)
);
CREATE INDEX case_lessons_lesson ON case_lessons(course_id, lesson_id);

-- @sqlite
-- Full text of published cases, every language, trigram-indexed so that
-- Korean, Chinese and Japanese match substrings. rowid = cases.id.
CREATE VIRTUAL TABLE case_fts USING fts5(body, tokenize='trigram');
-- @pg
-- Full text of published cases, every language, indexed by trigrams
-- (pg_trgm) so that ILIKE matches Korean, Chinese and Japanese substrings.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE TABLE case_fts (
	case_id		BIGINT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
	body		TEXT NOT NULL
);
CREATE INDEX case_fts_trgm ON case_fts USING gin (body public.gin_trgm_ops);
-- @end

-- The library's version: bumped whenever a case enters or leaves the
-- index (store_case_index / store_case_unindex), so that every node's
-- in-memory search index (domain/facets_index.c) knows when to reload.
-- token tells one database from another (e.g. test databases).
CREATE TABLE case_library (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	version		BIGINT NOT NULL DEFAULT 0,
	token		TEXT NOT NULL
);
-- @sqlite
INSERT INTO case_library (id, version, token) VALUES (1, 0, lower(hex(randomblob(16))));
-- @pg
INSERT INTO case_library (id, version, token) VALUES (1, 0, md5(random()::text || clock_timestamp()::text));
-- @end
