-- Certificates: the Ed25519 signing keys shared by every node (one active,
-- older ones kept so their certificates still verify) and the issued
-- certificates. A certificate row is a snapshot taken at issue time
-- (course title, criteria, learner name, date) plus the signed VC-JWT; it
-- never changes afterwards except for revocation.
CREATE TABLE signing_keys (
	id		INTEGER PRIMARY KEY,
	kid		TEXT NOT NULL UNIQUE,
	public_x	TEXT NOT NULL,
	secret_seed	TEXT NOT NULL,
	active		INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
	created_at	BIGINT NOT NULL,
	retired_at	BIGINT
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys(active)
	WHERE active = 1;

CREATE TABLE certificates (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE,
	user_id		BIGINT NOT NULL REFERENCES users(id),
	course_slug	TEXT NOT NULL,
	course_title	TEXT NOT NULL,
	description	TEXT NOT NULL,
	criteria	TEXT NOT NULL,
	learner_name	TEXT NOT NULL,
	issued_at	BIGINT NOT NULL,
	status_index	BIGINT NOT NULL UNIQUE,
	kid		TEXT NOT NULL,
	jwt		TEXT NOT NULL,
	revoked_at	BIGINT,
	revoked_reason	TEXT,
	revoked_by	BIGINT REFERENCES users(id),
	UNIQUE (user_id, course_slug)
);
CREATE INDEX certificates_user ON certificates(user_id, issued_at);
CREATE INDEX certificates_revoked ON certificates(revoked_at)
	WHERE revoked_at IS NOT NULL;
