-- The content version (issue 14.3): one number that every writing
-- transaction moves when it changes what public pages show, so the page
-- cache and the per-worker caches (src/lib/cache.c) keep their answers
-- until it moves, on one node or many: a worker reads it once per
-- request, inside the page's snapshot. Kept by triggers on the tables
-- public pages read, not by the store's write paths: a trigger cannot be
-- forgotten by a new write path, and it bumps inside the writing
-- transaction, so a reader never sees new content under an old version.
-- tests/unit/test_content_version.c fails when a table is neither bumping
-- nor listed there as never shown on a public page.
-- It starts at a random number so two databases (tests, a restored copy)
-- never share a version a worker has seen.
CREATE TABLE content_version (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	version		BIGINT NOT NULL
);
INSERT INTO content_version (id, version)
    VALUES (1, abs(random() / 4));
CREATE TRIGGER courses_cv_insert AFTER INSERT ON courses BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER courses_cv_update AFTER UPDATE ON courses BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER courses_cv_delete AFTER DELETE ON courses BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_versions_cv_insert AFTER INSERT ON course_versions BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_versions_cv_update AFTER UPDATE ON course_versions BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_versions_cv_delete AFTER DELETE ON course_versions BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_blobs_cv_insert AFTER INSERT ON course_blobs BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_blobs_cv_update AFTER UPDATE ON course_blobs BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_blobs_cv_delete AFTER DELETE ON course_blobs BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_files_cv_insert AFTER INSERT ON course_files BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_files_cv_update AFTER UPDATE ON course_files BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_files_cv_delete AFTER DELETE ON course_files BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_texts_cv_insert AFTER INSERT ON course_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_texts_cv_update AFTER UPDATE ON course_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_texts_cv_delete AFTER DELETE ON course_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_tags_cv_insert AFTER INSERT ON course_tags BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_tags_cv_update AFTER UPDATE ON course_tags BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_tags_cv_delete AFTER DELETE ON course_tags BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_authors_cv_insert AFTER INSERT ON course_authors BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_authors_cv_update AFTER UPDATE ON course_authors BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_authors_cv_delete AFTER DELETE ON course_authors BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_lessons_cv_insert AFTER INSERT ON course_lessons BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_lessons_cv_update AFTER UPDATE ON course_lessons BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_lessons_cv_delete AFTER DELETE ON course_lessons BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_quizzes_cv_insert AFTER INSERT ON course_quizzes BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_quizzes_cv_update AFTER UPDATE ON course_quizzes BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_quizzes_cv_delete AFTER DELETE ON course_quizzes BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER lesson_tags_cv_insert AFTER INSERT ON lesson_tags BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER lesson_tags_cv_update AFTER UPDATE ON lesson_tags BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER lesson_tags_cv_delete AFTER DELETE ON lesson_tags BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER lesson_texts_cv_insert AFTER INSERT ON lesson_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER lesson_texts_cv_update AFTER UPDATE ON lesson_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER lesson_texts_cv_delete AFTER DELETE ON lesson_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER calls_cv_insert AFTER INSERT ON calls BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER calls_cv_update AFTER UPDATE ON calls BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER calls_cv_delete AFTER DELETE ON calls BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER call_texts_cv_insert AFTER INSERT ON call_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER call_texts_cv_update AFTER UPDATE ON call_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER call_texts_cv_delete AFTER DELETE ON call_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER call_criteria_cv_insert AFTER INSERT ON call_criteria BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER call_criteria_cv_update AFTER UPDATE ON call_criteria BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER call_criteria_cv_delete AFTER DELETE ON call_criteria BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER cases_cv_insert AFTER INSERT ON cases BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER cases_cv_update AFTER UPDATE ON cases BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER cases_cv_delete AFTER DELETE ON cases BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_texts_cv_insert AFTER INSERT ON case_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_texts_cv_update AFTER UPDATE ON case_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_texts_cv_delete AFTER DELETE ON case_texts BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_links_cv_insert AFTER INSERT ON case_links BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_links_cv_update AFTER UPDATE ON case_links BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_links_cv_delete AFTER DELETE ON case_links BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_versions_cv_insert AFTER INSERT ON case_versions BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_versions_cv_update AFTER UPDATE ON case_versions BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_versions_cv_delete AFTER DELETE ON case_versions BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_tags_cv_insert AFTER INSERT ON case_tags BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_tags_cv_update AFTER UPDATE ON case_tags BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_tags_cv_delete AFTER DELETE ON case_tags BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_lessons_cv_insert AFTER INSERT ON case_lessons BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_lessons_cv_update AFTER UPDATE ON case_lessons BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER case_lessons_cv_delete AFTER DELETE ON case_lessons BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
-- The case library's version and the catalog's token, which the content
-- version replaces.
DROP TABLE case_library;
DELETE FROM settings WHERE key = 'catalog_version';
