-- Studio translations (issue 16.5): for each translated lesson text, the
-- source text it was made from or last confirmed against, by its SHA-256
-- (the hash the course's blobs are stored under, so the old source can
-- be shown beside the new as a diff). Kept here rather than in the
-- package: course.yaml has no place for it, and a package from git knows
-- nothing of who confirmed what. A translation whose recorded source is
-- not the current one is outdated until a translator confirms it.
CREATE TABLE course_translations (
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	item		TEXT NOT NULL,
	lang		TEXT NOT NULL,
	source_hash	TEXT NOT NULL,
	updated_by	BIGINT REFERENCES users(id) ON DELETE SET NULL,
	updated_at	BIGINT NOT NULL,
	PRIMARY KEY (course_id, item, lang)
);
