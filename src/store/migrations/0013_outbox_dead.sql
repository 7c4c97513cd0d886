-- Mail delivery off the request path (issue 12.9): a message that failed
-- every attempt becomes a dead letter (dead_at set) that an administrator
-- sees and can retry; delivery skips it until then.
ALTER TABLE outbox ADD COLUMN dead_at BIGINT;
CREATE INDEX outbox_unsent ON outbox(dead_at, id) WHERE sent_at IS NULL;
