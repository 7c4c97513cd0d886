-- Offline editions of courses (issue 20.4): `ethica course pack` writes
-- DATA/offline/SLUG.LANG.zip and records it here, so that the course page
-- offers it for download and says when, and from which version, it was
-- made.
CREATE TABLE offline_editions (
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	lang		TEXT NOT NULL,
	version		BIGINT NOT NULL,
	bytes		BIGINT NOT NULL,
	made_at		BIGINT NOT NULL,
	PRIMARY KEY (course_id, lang)
);
-- The course page lists them: a new edition is new content (0018).
CREATE TRIGGER offline_editions_cv_insert AFTER INSERT ON offline_editions BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER offline_editions_cv_update AFTER UPDATE ON offline_editions BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER offline_editions_cv_delete AFTER DELETE ON offline_editions BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
