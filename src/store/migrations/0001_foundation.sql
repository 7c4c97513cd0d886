-- Foundation: settings, accounts, sessions, one-time tokens, login
-- attempts, the mail outbox and the audit log. Times are unix seconds.
CREATE TABLE settings (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
);

CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	email		TEXT NOT NULL UNIQUE,
	display_name	TEXT NOT NULL,
	password_hash	TEXT NOT NULL,
	role		TEXT NOT NULL DEFAULT 'learner'
			CHECK (role IN ('learner','author','reviewer','chair','admin')),
	language	TEXT NOT NULL DEFAULT '',
	country		TEXT NOT NULL DEFAULT '',
	verified_at	BIGINT,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX users_name ON users(display_name);

CREATE TABLE sessions (
	id		INTEGER PRIMARY KEY,
	token_hash	TEXT NOT NULL UNIQUE,
	user_id		BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at	BIGINT NOT NULL,
	last_seen_at	BIGINT NOT NULL,
	expires_at	BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE user_tokens (
	token_hash	TEXT PRIMARY KEY,
	user_id		BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	purpose		TEXT NOT NULL CHECK (purpose IN ('verify','reset')),
	created_at	BIGINT NOT NULL,
	expires_at	BIGINT NOT NULL,
	used_at		BIGINT
);
CREATE INDEX user_tokens_user ON user_tokens(user_id, purpose);

CREATE TABLE login_attempts (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	at		BIGINT NOT NULL
);
CREATE INDEX login_attempts_subject ON login_attempts(kind, subject, at);

CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	to_addr		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_attempt_at	BIGINT NOT NULL,
	claimed_by	TEXT,
	claimed_until	BIGINT NOT NULL DEFAULT 0,
	sent_at		BIGINT,
	last_error	TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);

CREATE TABLE audit_log (
	id		INTEGER PRIMARY KEY,
	at		BIGINT NOT NULL,
	actor_id	BIGINT REFERENCES users(id) ON DELETE SET NULL,
	action		TEXT NOT NULL,
	object_type	TEXT NOT NULL,
	object_id	TEXT NOT NULL,
	detail		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
