-- Pushed changes (issue 14, PostgreSQL): the server tells every
-- listening worker (st_push.c, LISTEN ethica) at commit what may have
-- changed, so a worker answers the content version, a session's user
-- and a learner's progress in a course from memory instead of asking on
-- every request:
--   'v'       the content version (migration 0018) moved;
--   'u<id>'   user id's row, or one of their sessions, changed or went
--             (sign-out, sign-out everywhere, password change, role
--             change, account deletion, expiry pruned);
--   'p<id>'   user id's progress in a course changed (an enrolment, a
--             lesson done, a quiz attempt);
--   '*'       users or sessions were truncated: forget every session.
-- A session's idle clock (last_seen_at) is not told: each worker checks
-- it and falls back to the database when its copy looks too old.
-- Notifications go out at commit only (a rolled back write tells
-- nothing); within one transaction equal ones are sent once.
-- SQLite has one process's workers on one file and reads both each
-- request at no network cost: nothing to do there.
-- @pg
CREATE FUNCTION push_content_version() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('ethica', 'v');
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER content_version_push AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON content_version FOR EACH STATEMENT EXECUTE FUNCTION push_content_version();
CREATE FUNCTION push_user() RETURNS trigger AS $$
BEGIN
	IF TG_TABLE_NAME = 'users' THEN
		PERFORM pg_notify('ethica', 'u' || OLD.id);
	ELSE
		PERFORM pg_notify('ethica', 'u' || OLD.user_id);
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER users_push AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION push_user();
CREATE TRIGGER sessions_push AFTER DELETE OR UPDATE OF token_hash, user_id,
    expires_at ON sessions FOR EACH ROW EXECUTE FUNCTION push_user();
CREATE FUNCTION push_learner() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM pg_notify('ethica', 'p' || NEW.user_id);
	ELSE
		PERFORM pg_notify('ethica', 'p' || OLD.user_id);
		IF TG_OP = 'UPDATE' AND NEW.user_id <> OLD.user_id THEN
			PERFORM pg_notify('ethica', 'p' || NEW.user_id);
		END IF;
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER enrolments_push AFTER INSERT OR UPDATE OR DELETE ON enrolments
    FOR EACH ROW EXECUTE FUNCTION push_learner();
CREATE TRIGGER lesson_progress_push AFTER INSERT OR UPDATE OR DELETE
    ON lesson_progress FOR EACH ROW EXECUTE FUNCTION push_learner();
CREATE TRIGGER quiz_attempts_push AFTER INSERT OR UPDATE OR DELETE
    ON quiz_attempts FOR EACH ROW EXECUTE FUNCTION push_learner();
CREATE FUNCTION push_all() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('ethica', '*');
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER users_push_all AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION push_all();
CREATE TRIGGER sessions_push_all AFTER TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION push_all();
CREATE TRIGGER enrolments_push_all AFTER TRUNCATE ON enrolments
    FOR EACH STATEMENT EXECUTE FUNCTION push_all();
CREATE TRIGGER lesson_progress_push_all AFTER TRUNCATE ON lesson_progress
    FOR EACH STATEMENT EXECUTE FUNCTION push_all();
CREATE TRIGGER quiz_attempts_push_all AFTER TRUNCATE ON quiz_attempts
    FOR EACH STATEMENT EXECUTE FUNCTION push_all();
-- @end
