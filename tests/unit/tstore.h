/*
 * tstore.h: a fresh, migrated store for domain tests, on SQLite (a file in
 * a new /tmp directory) or, when ETHICA_TEST_PG is set and pg is asked
 * for, on PostgreSQL in a new schema of that database (search_path set in
 * the connection URL), so tests never see each other's rows.
 *
 *	struct db *db = tstore_open(0);		SQLite
 *	struct db *db = tstore_open(1);		PostgreSQL, or NULL if unset
 *	...
 *	tstore_close(db);
 *
 * tstore_open_other() opens another connection to the store of the last
 * tstore_open() (another worker or node), or NULL (printed why).
 * tstore_open_run(pg) is tstore_open for a test run (include t.h first):
 * NULL after counting PostgreSQL skipped (unset) or a failure.
 *
 * Run from the repository root (migrations are read from src/store/).
 */
#ifndef ETHICA_TSTORE_H
#define ETHICA_TSTORE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "store/store.h"

static char	tstore_dir[64];
static char	tstore_schema[64];
static char	tstore_target[1024];
static int	tstore_seq;

static struct db *
tstore_open(int pg)
{
	struct db	*db, *admin;
	const char	*url;
	char		*target = tstore_target, err[512], sql[256];
	size_t		 tlen = sizeof(tstore_target);

	tstore_dir[0] = '\0';
	tstore_schema[0] = '\0';
	tstore_target[0] = '\0';
	if (pg) {
		if ((url = getenv("ETHICA_TEST_PG")) == NULL || *url == '\0')
			return (NULL);
		(void)snprintf(tstore_schema, sizeof(tstore_schema),
		    "t_%d_%d", (int)getpid(), ++tstore_seq);
		if (store_open(&admin, url, err, sizeof(err)) != STORE_OK) {
			printf("  pg: %s\n", err);
			return (NULL);
		}
		(void)snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s "
		    "CASCADE; CREATE SCHEMA %s", tstore_schema, tstore_schema);
		(void)db_exec(admin, sql);
		store_close(admin);
		(void)snprintf(target, tlen, "%s%soptions=-csearch_path%%3D%s",
		    url, strchr(url, '?') != NULL ? "&" : "?", tstore_schema);
	} else {
		(void)snprintf(tstore_dir, sizeof(tstore_dir),
		    "/tmp/ethica-test-XXXXXX");
		if (mkdtemp(tstore_dir) == NULL)
			return (NULL);
		(void)snprintf(target, tlen, "%s/t.db", tstore_dir);
	}
	if (store_open(&db, target, err, sizeof(err)) != STORE_OK) {
		printf("  open %s: %s\n", target, err);
		return (NULL);
	}
	if (store_migrate(db, ".", err, sizeof(err)) != STORE_OK) {
		printf("  migrate: %s\n", err);
		store_close(db);
		return (NULL);
	}
	return (db);
}

static inline struct db *
tstore_open_other(void)
{
	struct db	*db;
	char		 err[512];

	if (store_open(&db, tstore_target, err, sizeof(err)) != STORE_OK) {
		printf("  open %s: %s\n", tstore_target, err);
		return (NULL);
	}
	return (db);
}

#ifdef ETHICA_T_H
static inline struct db *
tstore_open_run(int pg)
{
	struct db	*db;

	if ((db = tstore_open(pg)) == NULL) {
		if (pg && !t_have_pg())
			T_SKIPPED("PostgreSQL backend", "ETHICA_TEST_PG unset");
		else {
			printf("FAIL open\n");
			t_failed++;
		}
		return (NULL);
	}
	printf("# backend: %s\n", pg ? "pg" : "sqlite");
	return (db);
}
#endif

static void
tstore_close(struct db *db)
{
	struct db	*admin;
	char		 cmd[128], err[256], sql[128];
	const char	*url;

	store_close(db);
	if (tstore_dir[0] != '\0') {
		(void)snprintf(cmd, sizeof(cmd), "rm -rf %s", tstore_dir);
		(void)system(cmd);
	}
	if (tstore_schema[0] != '\0' && (url = getenv("ETHICA_TEST_PG"))
	    != NULL && store_open(&admin, url, err, sizeof(err)) == STORE_OK) {
		(void)snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s "
		    "CASCADE", tstore_schema);
		(void)db_exec(admin, sql);
		store_close(admin);
	}
}

#endif
