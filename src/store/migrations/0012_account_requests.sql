-- Requests for a password reset or a new account, as the web form queued
-- them (issue 12.8): the request writes one row here whether or not the
-- address has an account, and a timer in the workers does the rest (look
-- the address up, issue the token, queue the mail) off the request path,
-- so that the answer and its time say nothing about the address.
CREATE TABLE account_requests (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('forgot','register')),
	email		TEXT NOT NULL,
	display_name	TEXT NOT NULL DEFAULT '',
	password_hash	TEXT NOT NULL DEFAULT '',
	lang		TEXT NOT NULL DEFAULT '',
	created_at	BIGINT NOT NULL
);
