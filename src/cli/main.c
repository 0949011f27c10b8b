/* SPDX-License-Identifier: MIT */
/*
 * flexaudit: the command-line tool. Thin: parse options, call the library,
 * print, choose the exit code. Subcommands live in a table here, each with
 * its own option table in cmd_<name>.c's struct below.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char exit_codes[] =
    "exit codes:\n"
    "  0  compliant (inspect: package accepted; rules: all passed)\n"
    "  1  non-compliant: deviations found (rules: a test failed)\n"
    "  2  usage error: wrong options or arguments, or output not writable\n"
    "  3  input rejected: package, manifest, table or rule set is invalid\n"
    "  4  internal error, or a rule could not run (audit incomplete)";

#define OPT(n, s, a, h)                                         \
	{                                                       \
		.name = n, .short_name = s, .arg = a, .help = h \
	}
#define OPT_MULTI(n, s, a, h)                                                \
	{                                                                    \
		.name = n, .short_name = s, .arg = a, .help = h, .repeat = 1 \
	}
#define OPT_END              \
	{                    \
		.name = NULL \
	}

static struct opt inspect_opts[] = {
	OPT("format", 'f', "FORMAT", "output format: text (default) or json"),
	OPT("output", 'o', "FILE", "write to FILE instead of standard output"),
	OPT("all", 'a', NULL, "list all data-quality findings kept"),
	OPT_END,
};

static struct opt schema_opts[] = {
	OPT("format", 'f', "FORMAT",
	    "output format: markdown (default) or json"),
	OPT_END,
};

static struct opt rules_opts[] = {
	OPT_MULTI("rules", 'r', "PATH",
		  "rule-set file or directory (default: the bundled rules)"),
	OPT("format", 'f', "FORMAT", "output format: text (default) or json"),
	OPT_MULTI("rule", 0, "ID", "only this rule or rule set (test)"),
	OPT_END,
};

static struct opt audit_opts[] = {
	OPT_MULTI("rules", 'r', "PATH",
		  "rule-set file or directory (default: the bundled rules)"),
	OPT("date", 'd', "DATE",
	    "audit date YYYY-MM-DD (default: end of the audit period)"),
	OPT_MULTI("rule", 0, "ID", "run only this rule or rule set"),
	OPT_MULTI("skip-rule", 0, "ID", "do not run this rule or rule set"),
	OPT("mode", 'm', "MODE",
	    "self (default: every file) or inspection (a sample of files)"),
	OPT("sample", 0, "N",
	    "inspection: auto (default), a number of workers, or all"),
	OPT("seed", 0, "S", "inspection: the sample's seed (default: random)"),
	OPT("lang", 'l', "LANG", "language of messages: en (default) or nl"),
	OPT("format", 'f', "FORMAT",
	    "report format: text (default), json, csv or html"),
	OPT("verbose", 'v', NULL,
	    "text: every finding in full, passes included, and the tables"),
	OPT("profile", 0, NULL, "print the time each rule took, slowest first"),
	OPT_MULTI("output", 'o', "FILE",
		  "write to FILE instead of standard output; repeat for "
		  "several formats at once (by extension .txt .json .csv "
		  ".html)"),
	OPT("reveal-personal-data", 0, NULL,
	    "show workers' names, BSN and birth dates (masked by default)"),
	OPT("generated-at", 0, "TIME",
	    "the report's generated-at value (default: SOURCE_DATE_EPOCH or "
	    "now)"),
	OPT_END,
};

static struct opt compare_opts[] = {
	OPT("left", 0, "SET", "rule set id on the left (e.g. cao)"),
	OPT("right", 0, "SET", "rule set id on the right (e.g. snf)"),
	OPT_MULTI("date", 'd', "DATE",
		  "compare on DATE (default: today; with PKG: its period's "
		  "end, once)"),
	OPT_MULTI("rules", 'r', "PATH",
		  "rule-set file or directory (default: the bundled rules)"),
	OPT("format", 'f', "FORMAT", "output format: text (default) or json"),
	OPT_END,
};

static struct cmd commands[] = {
	{ "inspect", "PKG",
	  "Check an evidence package and summarise its contents.\n"
	  "Prints member, audit period, producer, rows per table, documents "
	  "by type and\nlanguage, the hash verification and the data-quality "
	  "findings. No personal data.",
	  "The package is rejected (exit 3) when it is not a safe zip, its "
	  "manifest is\ninvalid, a file is missing or unlisted, a hash does "
	  "not match, or a table row\nis malformed. See "
	  "docs/evidence-package.md.",
	  1, 1, inspect_opts, cmd_inspect },
	{ "audit", "PKG",
	  "Evaluate an evidence package against the rule sets.\n"
	  "Prints the findings that need attention and the verdict.",
	  "Exit 0: no deviations (needs-review items alone do not count); 1: "
	  "major or\nminor deviations found; 3: the package or a rule set is "
	  "rejected; 4: a rule\ncould not run, so the audit is incomplete.",
	  1, 1, audit_opts, cmd_audit },
	{ "rules", "list|show ID|lint [PATH...]|test [PATH...]",
	  "Work with rule sets: list the rules, show one, lint or test them.",
	  "lint validates rule-set files and prepares every check against "
	  "the evidence\nschema; test runs every rule's own tests and exits 1 "
	  "if any fails. See\ndocs/rules.md.",
	  1, -1, rules_opts, cmd_rules },
	{ "compare", "[PKG]",
	  "Compare the norms of two rule sets (parameters sharing a concept "
	  "key).",
	  "Per concept: both values on each date, which is stricter (from "
	  "the\nparameters' limit: min or max) and since when; with two or "
	  "more dates,\nthe concepts whose relation changed. With PKG: the "
	  "rules of the two sets\nthat read a shared concept (same scope) "
	  "run on the package, and every\nsubject one passes and the other "
	  "fails is a norm mismatch. Exit 0 whatever\nthe comparison finds; "
	  "3: the package or a rule set is rejected; 4: a\npaired rule "
	  "could not run.",
	  0, 1, compare_opts, cmd_compare },
	{ "schema", NULL,
	  "Print the evidence package tables and columns (format v1).", NULL, 0,
	  0, schema_opts, cmd_schema },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void main_help(FILE *out)
{
	size_t i;

	fprintf(out,
		"usage: flexaudit [--version] [--help] COMMAND [options] "
		"[ARGS]\n\n"
		"Checks ABU members' evidence packages against the Fair "
		"Employment Code, the\nSNF norm and the CAO housing rules.\n\n"
		"commands:\n");
	for (i = 0; i < N_COMMANDS; i++) {
		const char *nl = strchr(commands[i].summary, '\n');
		int len = nl ? (int)(nl - commands[i].summary)
			     : (int)strlen(commands[i].summary);

		fprintf(out, "  %-10s %.*s\n", commands[i].name, len,
			commands[i].summary);
	}
	fprintf(out,
		"\n'flexaudit COMMAND --help' shows a command's options.\n\n"
		"%s\n",
		exit_codes);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage_error(NULL, "missing command");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		main_help(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("flexaudit %s\n", fa_version());
		return 0;
	}
	for (i = 0; i < N_COMMANDS; i++) {
		struct cmd *c = &commands[i];
		int n;

		if (strcmp(argv[1], c->name) != 0)
			continue;
		n = opt_parse(c, argc - 2, argv + 2);
		if (n == -2)
			return 0;
		if (n < 0)
			return EXIT_USAGE;
		return c->run(c, n, argv + 2);
	}
	return usage_error(NULL, "unknown command '%s'", argv[1]);
}

void cli_print_error(const struct fa_error *err)
{
	char line[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 64];
	size_t i;

	for (i = 0; i < err->n; i++) {
		fa_diag_format(line, sizeof(line), &err->diag[i]);
		fprintf(stderr, "flexaudit: %s\n", line);
	}
	if (err->n_dropped)
		fprintf(stderr, "flexaudit: %zu more problems not shown\n",
			err->n_dropped);
}

int cli_exit_code(enum fa_code code)
{
	switch (code) {
	case FA_OK:
		return EXIT_COMPLIANT;
	case FA_ERR_USAGE:
		return EXIT_USAGE;
	case FA_ERR_IO:
	case FA_ERR_INPUT:
	case FA_ERR_LIMIT:
	case FA_ERR_INTEGRITY:
		return EXIT_REJECTED;
	case FA_ERR_NOMEM:
	case FA_ERR_INTERNAL:
		break;
	}
	return EXIT_INTERNAL;
}

static struct timespec progress_t0;
static int progress_shown;

void cli_progress(const char *what)
{
	struct timespec now;

	if (!isatty(STDERR_FILENO))
		return;
	if (!what) {
		if (progress_shown)
			fputs("\r\033[K", stderr);
		progress_shown = 0;
		return;
	}
	if (!progress_t0.tv_sec)
		clock_gettime(CLOCK_MONOTONIC, &progress_t0);
	clock_gettime(CLOCK_MONOTONIC, &now);
	fprintf(stderr, "\r\033[Kflexaudit: %s (%lds)", what,
		(long)(now.tv_sec - progress_t0.tv_sec));
	progress_shown = 1;
}

void cli_progress_rules(void *ctx, size_t done, size_t total,
			const char *rule_id)
{
	char buf[160];

	(void)ctx;
	snprintf(buf, sizeof(buf), "rule %zu of %zu: %s", done + 1, total,
		 rule_id);
	cli_progress(buf);
}

static mode_t current_umask(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

/* Files being written: each under a temporary name until closed. */
#define MAX_OUTPUTS 8
static struct {
	FILE *f;
	char tmp[4096];
} outputs[MAX_OUTPUTS];

FILE *cli_output_open(const char *path)
{
	FILE *f;
	size_t i;
	int fd;

	if (!path || strcmp(path, "-") == 0)
		return stdout;
	for (i = 0; i < MAX_OUTPUTS && outputs[i].f; i++)
		;
	if (i == MAX_OUTPUTS) {
		fprintf(stderr, "flexaudit: at most %d output files\n",
			MAX_OUTPUTS);
		return NULL;
	}
	if (snprintf(outputs[i].tmp, sizeof(outputs[i].tmp), "%s.XXXXXX",
		     path) >= (int)sizeof(outputs[i].tmp)) {
		fprintf(stderr, "flexaudit: output path is too long\n");
		return NULL;
	}
	fd = mkstemp(outputs[i].tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		fprintf(stderr, "flexaudit: cannot write '%s': %s\n", path,
			strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(outputs[i].tmp);
		}
		return NULL;
	}
	/* mkstemp makes the file 0600; a report is an ordinary file */
	fchmod(fd, 0644 & ~current_umask());
	outputs[i].f = f;
	return f;
}

int cli_output_close(FILE *f, const char *path, int ok)
{
	const char *tmp = NULL;
	size_t i;
	int failed;

	if (f == stdout)
		return fflush(stdout) == 0 ? 0 : -1;
	for (i = 0; i < MAX_OUTPUTS; i++)
		if (outputs[i].f == f) {
			outputs[i].f = NULL;
			tmp = outputs[i].tmp;
		}
	assert(tmp);
	failed = ferror(f) | (fclose(f) != 0);
	if (!ok || failed) {
		unlink(tmp);
		if (failed)
			fprintf(stderr, "flexaudit: cannot write '%s': %s\n",
				path, strerror(errno));
		return -1;
	}
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "flexaudit: cannot write '%s': %s\n", path,
			strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
