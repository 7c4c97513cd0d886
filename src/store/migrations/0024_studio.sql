-- Studio (issue 16): the team of each course and its archive mark.
-- A course's team says who may do what in the studio (the rule table is
-- src/domain/studio.c): owner, author, translator, reviewer, one role per
-- person. Authors listed in course.yaml with an e-mail keep editing as
-- before; the team adds people without touching the package.
CREATE TABLE course_team (
	course_id	BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
	user_id		BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	role		TEXT NOT NULL
			CHECK (role IN ('owner','author','translator','reviewer')),
	added_at	BIGINT NOT NULL,
	PRIMARY KEY (course_id, user_id)
);
CREATE INDEX course_team_user ON course_team(user_id, course_id);

-- The team moves the content version (0018), so that a worker may keep
-- who is on a team until it changes (src/domain/studio.c): the lesson
-- page asks it of every signed-in reader.
-- @sqlite
CREATE TRIGGER course_team_cv_insert AFTER INSERT ON course_team BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_team_cv_update AFTER UPDATE ON course_team BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER course_team_cv_delete AFTER DELETE ON course_team BEGIN
	UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
-- @pg
CREATE TRIGGER course_team_cv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_team
    FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
-- @end

-- An archived course (archived_at > 0) leaves the catalog; its page and
-- lessons stay for the learners enrolled in it. Updating courses moves
-- the content version (0018), so cached catalog pages follow.
ALTER TABLE courses ADD COLUMN archived_at BIGINT NOT NULL DEFAULT 0;
