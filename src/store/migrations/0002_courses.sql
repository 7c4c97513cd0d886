-- Courses. A course version is an immutable snapshot of the package
-- files (course.yaml, lesson Markdown, quiz YAML, media), stored once per
-- content hash in course_blobs. The other course tables describe the
-- current version only and are rewritten on every import, for the catalog
-- and for other features (progress, quizzes) that need stable lesson ids.
CREATE TABLE courses (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE,
	version		BIGINT NOT NULL DEFAULT 0,
	version_id	BIGINT NOT NULL DEFAULT 0,
	digest		TEXT NOT NULL DEFAULT '',
	default_language TEXT NOT NULL,
	languages	TEXT NOT NULL,
	level		TEXT NOT NULL,
	minutes		INTEGER NOT NULL DEFAULT 0,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);

CREATE TABLE course_versions (
	id		INTEGER PRIMARY KEY,
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	version		BIGINT NOT NULL,
	created_at	BIGINT NOT NULL,
	created_by	BIGINT REFERENCES users(id) ON DELETE SET NULL,
	note		TEXT NOT NULL DEFAULT '',
	digest		TEXT NOT NULL,
	UNIQUE (course_id, version)
);

CREATE TABLE course_blobs (
	hash		TEXT PRIMARY KEY,
	size		BIGINT NOT NULL,
	data		BLOB NOT NULL
);

CREATE TABLE course_files (
	version_id	BIGINT NOT NULL REFERENCES course_versions(id) ON DELETE CASCADE,
	path		TEXT NOT NULL,
	hash		TEXT NOT NULL REFERENCES course_blobs(hash),
	PRIMARY KEY (version_id, path)
);

CREATE TABLE course_texts (
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	lang		TEXT NOT NULL,
	title		TEXT NOT NULL,
	summary		TEXT NOT NULL,
	PRIMARY KEY (course_id, lang)
);

-- kind: value principle policy_area track lang level
CREATE TABLE course_tags (
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL,
	slug		TEXT NOT NULL,
	PRIMARY KEY (course_id, kind, slug)
);
CREATE INDEX course_tags_slug ON course_tags(kind, slug, course_id);

CREATE TABLE course_authors (
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	name		TEXT NOT NULL,
	email		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (course_id, position)
);
CREATE INDEX course_authors_email ON course_authors(email);

-- Stable lesson ids: one row per (course, manifest lesson id) ever seen;
-- active = 0 when the current version no longer has the lesson (its
-- progress rows stay).
CREATE TABLE course_lessons (
	id		INTEGER PRIMARY KEY,
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	lesson_key	TEXT NOT NULL,
	module_key	TEXT NOT NULL,
	position	INTEGER NOT NULL,
	required	INTEGER NOT NULL DEFAULT 1,
	minutes		INTEGER NOT NULL DEFAULT 0,
	active		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (course_id, lesson_key)
);

CREATE TABLE course_quizzes (
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	quiz_key	TEXT NOT NULL,
	module_key	TEXT NOT NULL,
	path		TEXT NOT NULL,
	graded		INTEGER NOT NULL DEFAULT 1,
	active		INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (course_id, quiz_key)
);
