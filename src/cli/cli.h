/*
 * cli.h: shared pieces of the `ethica` command: options common to every
 * command, opening the store, and the table of commands.
 */
#ifndef ETHICA_CLI_H
#define ETHICA_CLI_H

#include <sys/types.h>

#include "domain/dctx.h"

struct opts {
	const char	*data;		/* --data DIR (default "var") */
	const char	*db;		/* --db URL or path (default DATA/ethica.db) */
	const char	*public_url;	/* --public-url URL, else ETHICA_PUBLIC_URL,
					 * else NULL (serve: http://HOST:PORT) */
	const char	*share;		/* repo root: templates, static, ... */
	const char	*build;		/* folder of the ethica binary */
};

struct command {
	const char	*name;
	const char	*usage;
	const char	*help;
	int		(*run)(struct opts *, int, char **);
};

extern const struct command commands[];

/* Prints "ethica: " and the message to stderr; returns 1 (exit code). */
int	cli_err(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Takes --data, --db and --public-url from argv (removing them); 0 or -1
 * on a bad option. */
int	cli_common(struct opts *, int *argc, char **argv);
/* Opens and migrates the store, fills dc (own arena). 0 or -1. */
int	cli_open(struct opts *, struct dctx *);
void	cli_close(struct dctx *);
/* 1 when argv holds -h or --help. */
int	cli_wants_help(int argc, char **argv);
void	cli_usage(const struct command *);

int	cmd_serve(struct opts *, int, char **);
int	cmd_mail(struct opts *, int, char **);
int	cmd_migrate(struct opts *, int, char **);
int	cmd_demo(struct opts *, int, char **);
int	cmd_user(struct opts *, int, char **);
int	cmd_backup(struct opts *, int, char **);
int	cmd_i18n(struct opts *, int, char **);
int	cmd_keys(struct opts *, int, char **);
int	cmd_certificate(struct opts *, int, char **);
int	cmd_course(struct opts *, int, char **);
int	demo_courses(struct opts *, struct dctx *);
int	demo_calls(struct opts *, struct dctx *);
int	cmd_db(struct opts *, int, char **);
int	cmd_dev(struct opts *, int, char **);
int	demo_case_library(struct opts *, struct dctx *);
int	cmd_seed_cases(struct opts *, int, char **);

/*
 * Forks the mail watcher (cmd_mail.c), which runs the delivery loop in a
 * child, restarts it when it dies and stops it on SIGTERM or when the
 * calling process (Kore, after exec) ends. Returns the watcher's pid in
 * the caller, -1 when fork failed; never returns in the watcher.
 */
pid_t	mail_supervise(struct opts *);

#endif
