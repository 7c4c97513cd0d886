/*
 * st_certificates.h: storage of the certificate signing keys and of the
 * issued certificates (tables signing_keys and certificates, migration
 * 0004). Return codes and arena rules as in store.h.
 */
#ifndef ETHICA_ST_CERTIFICATES_H
#define ETHICA_ST_CERTIFICATES_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct key_row {
	int64_t		 id;
	char		*kid;
	char		*public_x;	/* base64url, 32 bytes */
	char		*secret_seed;	/* base64url, 32 bytes */
	int		 active;
	int64_t		 created_at;
	int64_t		 retired_at;	/* 0 while active */
};

struct cert_row {
	int64_t		 id;
	char		*slug;
	int64_t		 user_id;
	char		*course_slug;
	char		*course_title;
	char		*description;
	char		*criteria;
	char		*learner_name;
	int64_t		 issued_at;
	int64_t		 status_index;
	char		*kid;
	char		*jwt;
	int64_t		 revoked_at;	/* 0 when not revoked */
	char		*revoked_reason;
};

/* 1 when the connection is inside a transaction. */
int	store_cert_in_tx(struct db *);

/* The key named kid, or the active key when kid is NULL: STORE_NOT_FOUND
 * when there is no such key (no active one: none made yet). */
int	store_key_get(struct db *, struct arena *, const char *kid,
	    struct key_row *);
/* Every key, newest first. */
int	store_key_list(struct db *, struct arena *, struct key_row **,
	    size_t *);
/* Inserts a key (active when r->active); an active key while another
 * is active is not inserted: STORE_DUPLICATE, the transaction stays
 * usable. */
int	store_key_insert(struct db *, const struct key_row *, int64_t now);
/* Marks the active key retired (none active is fine). */
int	store_key_retire_active(struct db *, int64_t now);

/* Inserts a certificate; STORE_DUPLICATE (transaction still usable) when
 * the slug, the (user, course) pair or the status index is taken. */
int	store_cert_insert(struct db *, const struct cert_row *, int64_t *id);
int	store_cert_by_slug(struct db *, struct arena *, const char *slug,
	    struct cert_row *);
int	store_cert_by_user_course(struct db *, struct arena *,
	    int64_t user_id, const char *course_slug, struct cert_row *);
/* A user's certificates, newest first. */
int	store_cert_list_user(struct db *, struct arena *, int64_t user_id,
	    struct cert_row **, size_t *);
/* *used = 1 when a certificate holds status index idx. */
int	store_cert_index_used(struct db *, int64_t idx, int *used);
/* Revokes a certificate not yet revoked; STORE_NOT_FOUND otherwise. */
int	store_cert_revoke(struct db *, int64_t id, int64_t now,
	    const char *reason, int64_t by);
/* Status indexes of every revoked certificate. */
int	store_cert_revoked_indexes(struct db *, struct arena *,
	    int64_t **, size_t *);

#endif
