-- A call's rubric holds at most 8 criteria: CALL_MAX_CRITERIA in
-- src/domain/call.h, which the chair's form, the review form and every
-- score array follow (test_calls.c checks that both limits agree). The
-- domain refuses more with a clear message; this trigger is the last
-- @sqlite
-- line, so no path around the domain can store a ninth.
-- @pg
-- line, so no path around the domain can store a ninth. The call's row
-- is locked first, so two transactions cannot each add the eighth.
CREATE FUNCTION call_criteria_cap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM calls WHERE id = NEW.call_id FOR UPDATE;
	IF (SELECT count(*) FROM call_criteria
	    WHERE call_id = NEW.call_id) >= 8 THEN
		RAISE EXCEPTION 'call_criteria: at most 8 criteria per call';
	END IF;
	RETURN NEW;
END
$$;
-- @end
CREATE TRIGGER call_criteria_cap BEFORE INSERT ON call_criteria
-- @sqlite
WHEN (SELECT count(*) FROM call_criteria WHERE call_id = NEW.call_id) >= 8
BEGIN
	SELECT RAISE(ABORT, 'call_criteria: at most 8 criteria per call');
END;
-- @pg
	FOR EACH ROW EXECUTE FUNCTION call_criteria_cap();
-- @end
