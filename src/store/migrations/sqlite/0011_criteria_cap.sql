-- A call's rubric holds at most 8 criteria: CALL_MAX_CRITERIA in
-- src/domain/call.h, which the chair's form, the review form and every
-- score array follow (test_calls.c checks that both limits agree). The
-- domain refuses more with a clear message; this trigger is the last
-- line, so no path around the domain can store a ninth.
CREATE TRIGGER call_criteria_cap BEFORE INSERT ON call_criteria
WHEN (SELECT count(*) FROM call_criteria WHERE call_id = NEW.call_id) >= 8
BEGIN
	SELECT RAISE(ABORT, 'call_criteria: at most 8 criteria per call');
END;
