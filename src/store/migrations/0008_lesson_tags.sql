-- The Recommendation's principles and policy areas each lesson of a
-- course's current version is tagged with (manifest lessons[].principles
-- and .policy_areas), rewritten on every import like course_tags, so the
-- principle and policy-area pages can list lessons, not only courses.
-- kind: principle policy_area.
CREATE TABLE lesson_tags (
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	lesson_id	BIGINT NOT NULL REFERENCES course_lessons(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL,
	slug		TEXT NOT NULL,
	PRIMARY KEY (course_id, lesson_id, kind, slug)
);
CREATE INDEX lesson_tags_slug ON lesson_tags(kind, slug);

-- Lesson titles per language of the current version (from the manifest),
-- so that pages listing lessons of many courses need one query, not one
-- parsed package per course.
CREATE TABLE lesson_texts (
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	lesson_id	BIGINT NOT NULL REFERENCES course_lessons(id) ON DELETE CASCADE,
	lang		TEXT NOT NULL,
	title		TEXT NOT NULL,
	PRIMARY KEY (lesson_id, lang)
);
CREATE INDEX lesson_texts_course ON lesson_texts(course_id);
