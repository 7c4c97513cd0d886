/*
 * pack.h: the offline edition of a course (`ethica course pack`): static
 * pages of every lesson, quiz and principle in one language, its media
 * and a printable version, written as a zip or a folder (pack_out.c) by
 * cmd_pack.c.
 */
#ifndef ETHICA_PACK_H
#define ETHICA_PACK_H

#include <limits.h>
#include <stddef.h>

struct opts;
struct zip;

struct pack_out {
	int		 as_dir;	/* a folder, else a zip file */
	int		 failed;	/* a write failed: close discards */
	struct zip	*zip;
	char		 path[PATH_MAX];	/* final name */
	char		 tmp[PATH_MAX];	/* written here, renamed at close */
	char		 root[128];	/* zip: the folder every file is in */
};

/* Starts an edition at path (a zip file, or a folder when as_dir); in a
 * zip every file goes in the folder root ("ethics-of-ai-fr/"), so that
 * unzipping makes one folder, not dozens of loose files. 0, or -1 when it
 * cannot be created. */
int	pack_out_open(struct pack_out *, const char *path, int as_dir,
	    const char *root);
/* Adds the file name ("lesson-x.html", "media/a.png"). data must stay
 * valid until pack_out_close. 0, or -1 (the edition is then discarded at
 * close). */
int	pack_out_add(struct pack_out *, const char *name, const void *data,
	    size_t len);
/* Finishes the edition and moves it into place when keep and every add
 * succeeded (0), else removes what was written (-1). */
int	pack_out_close(struct pack_out *, int keep);
/* Removes dir and everything under it (no error when it is missing). */
int	pack_rmtree(const char *dir);

/* `ethica course pack SLUG --lang LANG [--out FILE.zip | --dir DIR]`
 * (argv[0] is "pack"). Exit status. */
int	course_pack(struct opts *, int argc, char **argv);

#endif
