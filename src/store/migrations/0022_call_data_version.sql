-- The data version of a call (issue 14.1/14.3): one number per call that
-- moves in every writing transaction that changes what the chair's case
-- list of that call shows (its submitted cases, their states, decisions
-- and counts; who is assigned to or in conflict with which case; the
-- reviews behind the counts), so the page cache can keep a chair's page
-- of that list until it moves (h_chair_cases.c). Kept by triggers, as
-- the content version (migration 0018) is: bumped inside the writing
-- transaction, so a reader never sees new rows under an old version, and
-- no write path can forget it. Drafts are not on the list: their writes
-- (a submitter's autosaves) leave it, and leave its row unlocked.
-- The row of a call is made with the call (store_call_insert) and here
-- for the calls there are; a call without one is never cached. Only
-- UPDATEs in the triggers, so that copying a database (st_copy.c) in any
-- table order never makes a row twice.
-- On PostgreSQL the bumps are constraint triggers deferred to the
-- commit: a transaction takes the version row's lock last, when it holds
-- every other lock it will take, so two writers of one call (a chair
-- assigning while a reviewer saves) queue on it for the commit only and
-- never deadlock on it (one that locked the version row first and a case
-- row second against one that did the opposite). SQLite writes one
-- transaction at a time.
-- tests/unit/test_call_version.c fails when a write to one of these
-- tables leaves the version.
CREATE TABLE call_data_version (
	call_id		BIGINT PRIMARY KEY,
	version		BIGINT NOT NULL DEFAULT 0
);
INSERT INTO call_data_version (call_id, version) SELECT id, 0 FROM calls;
-- @sqlite
CREATE TRIGGER submissions_dv_insert AFTER INSERT ON submissions
    WHEN NEW.state <> 'draft' BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = NEW.call_id;
END;
CREATE TRIGGER submissions_dv_update AFTER UPDATE ON submissions
    WHEN OLD.state <> 'draft' OR NEW.state <> 'draft' BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = NEW.call_id;
END;
CREATE TRIGGER submissions_dv_delete AFTER DELETE ON submissions
    WHEN OLD.state <> 'draft' BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = OLD.call_id;
END;
CREATE TRIGGER assignments_dv_insert AFTER INSERT ON assignments BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = (SELECT call_id FROM submissions
	    WHERE id = NEW.submission_id);
END;
CREATE TRIGGER assignments_dv_update AFTER UPDATE ON assignments BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = (SELECT call_id FROM submissions
	    WHERE id = NEW.submission_id);
END;
CREATE TRIGGER assignments_dv_delete AFTER DELETE ON assignments BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = (SELECT call_id FROM submissions
	    WHERE id = OLD.submission_id);
END;
CREATE TRIGGER conflicts_dv_insert AFTER INSERT ON conflicts BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = (SELECT call_id FROM submissions
	    WHERE id = NEW.submission_id);
END;
CREATE TRIGGER conflicts_dv_update AFTER UPDATE ON conflicts BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = (SELECT call_id FROM submissions
	    WHERE id = NEW.submission_id);
END;
CREATE TRIGGER conflicts_dv_delete AFTER DELETE ON conflicts BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = (SELECT call_id FROM submissions
	    WHERE id = OLD.submission_id);
END;
CREATE TRIGGER reviews_dv_insert AFTER INSERT ON reviews BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = (SELECT call_id FROM submissions
	    WHERE id = NEW.submission_id);
END;
CREATE TRIGGER reviews_dv_update AFTER UPDATE ON reviews BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = (SELECT call_id FROM submissions
	    WHERE id = NEW.submission_id);
END;
CREATE TRIGGER reviews_dv_delete AFTER DELETE ON reviews BEGIN
	UPDATE call_data_version SET version = version + 1
	    WHERE call_id = (SELECT call_id FROM submissions
	    WHERE id = OLD.submission_id);
END;
-- @pg
CREATE FUNCTION call_data_bump_sub() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		UPDATE call_data_version SET version = version + 1
		    WHERE call_id = OLD.call_id;
	ELSE
		UPDATE call_data_version SET version = version + 1
		    WHERE call_id = NEW.call_id;
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION call_data_bump_child() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		UPDATE call_data_version SET version = version + 1
		    WHERE call_id = (SELECT call_id FROM submissions
		    WHERE id = OLD.submission_id);
	ELSE
		UPDATE call_data_version SET version = version + 1
		    WHERE call_id = (SELECT call_id FROM submissions
		    WHERE id = NEW.submission_id);
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER submissions_dv_insert AFTER INSERT ON submissions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.state <> 'draft')
    EXECUTE FUNCTION call_data_bump_sub();
CREATE CONSTRAINT TRIGGER submissions_dv_update AFTER UPDATE ON submissions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.state <> 'draft' OR NEW.state <> 'draft')
    EXECUTE FUNCTION call_data_bump_sub();
CREATE CONSTRAINT TRIGGER submissions_dv_delete AFTER DELETE ON submissions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.state <> 'draft')
    EXECUTE FUNCTION call_data_bump_sub();
CREATE CONSTRAINT TRIGGER assignments_dv AFTER INSERT OR UPDATE OR DELETE
    ON assignments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION call_data_bump_child();
CREATE CONSTRAINT TRIGGER conflicts_dv AFTER INSERT OR UPDATE OR DELETE
    ON conflicts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION call_data_bump_child();
CREATE CONSTRAINT TRIGGER reviews_dv AFTER INSERT OR UPDATE OR DELETE
    ON reviews DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION call_data_bump_child();
-- @end
