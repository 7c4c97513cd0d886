-- The content version (issue 14.3): one number that every writing
-- transaction moves when it changes what public pages show, so the page
-- cache and the per-worker caches (src/lib/cache.c) keep their answers
-- until it moves, on one node or many: a worker reads it once per
-- request, inside the page's snapshot. Kept by triggers on the tables
-- public pages read, not by the store's write paths: a trigger cannot be
-- forgotten by a new write path, and it bumps inside the writing
-- transaction, so a reader never sees new content under an old version.
-- tests/unit/test_content_version.c fails when a table is neither bumping
-- nor listed there as never shown on a public page. Statement triggers:
-- one bump per statement, not per row.
-- It starts at a random number so two databases (tests, a restored copy)
-- never share a version a worker has seen.
CREATE TABLE content_version (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	version		BIGINT NOT NULL
);
INSERT INTO content_version (id, version)
    VALUES (1, floor(random() * 1e15)::bigint);
CREATE FUNCTION content_version_bump() RETURNS trigger AS $$
BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER courses_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON courses
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER course_versions_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_versions
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER course_blobs_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_blobs
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER course_files_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_files
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER course_texts_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_texts
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER course_tags_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_tags
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER course_authors_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_authors
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER course_lessons_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_lessons
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER course_quizzes_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_quizzes
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER lesson_tags_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lesson_tags
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER lesson_texts_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lesson_texts
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER calls_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calls
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER call_texts_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON call_texts
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER call_criteria_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON call_criteria
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER cases_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cases
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER case_texts_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_texts
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER case_links_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_links
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER case_versions_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_versions
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER case_tags_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_tags
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER case_lessons_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_lessons
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
-- The case library's version and the catalog's token, which the content
-- version replaces.
DROP TABLE case_library;
DELETE FROM settings WHERE key = 'catalog_version';
