/* SPDX-License-Identifier: MIT */
/*
 * Command-line options from a table: one table per subcommand parses the
 * arguments and generates the --help text, so the two cannot disagree.
 */
#ifndef FA_CLI_OPT_H
#define FA_CLI_OPT_H

#include <stdio.h>

/* Values one repeatable option may collect. */
#define OPT_MAX_VALUES 64

struct opt {
	const char *name; /* long name without "--" */
	char short_name;  /* 0 if none */
	const char *arg;  /* argument name ("FORMAT"), NULL for a flag */
	const char *help;
	const char *value; /* parsed: the (last) argument, or "1" for a flag */
	int repeat;	   /* may be given more than once: see values */
	const char *values[OPT_MAX_VALUES];
	size_t n_values;
};

struct cmd {
	const char *name;
	const char *args;    /* positional synopsis ("PKG") */
	const char *summary; /* one line */
	const char *details; /* paragraph after the options, or NULL */
	int min_args, max_args;
	struct opt *opts; /* terminated by { NULL } */
	int (*run)(struct cmd *cmd, int argc, char **argv);
};

/*
 * Parse argv (after the subcommand name) against cmd->opts, moving the
 * positional arguments to the front: on success returns their count (and
 * argv[0..count) are them). --help prints help and returns -2. A usage
 * error prints the two-line usage message and returns -1.
 */
int opt_parse(struct cmd *cmd, int argc, char **argv);
void opt_help(const struct cmd *cmd, FILE *out);
/* Value of option name, or NULL if not given. */
const char *opt_get(const struct cmd *cmd, const char *name);
/* All values of a repeatable option (count in *n). */
const char *const *opt_values(const struct cmd *cmd, const char *name,
			      size_t *n);
/* Print "flexaudit: msg" and "try 'flexaudit CMD --help'" to stderr; 2. */
int usage_error(const struct cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The index of s in names (NULL-terminated), or -1. Exact: case counts,
 * as it does everywhere on the command line. */
int opt_choice(const char *const *names, const char *s);
/*
 * The usage error for a value that is none of names (NULL-terminated, at
 * most a few): "unknown WHAT 'S': give A, B or C" and the try line; 2.
 */
int usage_choice(const struct cmd *cmd, const char *what, const char *s,
		 const char *const *names);

/* Exit codes (README, --help). Never renumbered. */
enum {
	EXIT_COMPLIANT = 0,
	EXIT_NONCOMPLIANT = 1,
	EXIT_USAGE = 2,
	EXIT_REJECTED = 3,
	EXIT_INTERNAL = 4,
	EXIT_INCOMPLETE = 5,
};

#endif
