-- Indexes for the home page's headline call: the open call closing first
-- and the next call to open are each read off an index in order, with no
-- sort of the calls table.
CREATE INDEX calls_closes ON calls (closes_at, id);
CREATE INDEX calls_opens ON calls (opens_at, id);
