/* SPDX-License-Identifier: MIT */
/*
 * flexaudit: the command-line tool. Thin: parse options, call the library,
 * print, choose the exit code. Subcommands live in a table here, each with
 * its own option table in cmd_<name>.c's struct below.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <assert.h>
#include <errno.h>
#include <signal.h>
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
    "  4  internal error, or out of memory (--max-memory)\n"
    "  5  incomplete: no deviation found, but not everything was checked\n"
    "     (a table not supplied, a rule in error, only part of the rules)";

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
/* audit and compare PKG (cli_resource_options) */
#define OPT_MAX_MEMORY                                                      \
	OPT("max-memory", 0, "SIZE",                                        \
	    "memory limit, e.g. 512M or 4G (default 2G): SQLite may use a " \
	    "quarter of it, the findings kept a half")
#define OPT_RULE_TIMEOUT                                                       \
	OPT("rule-timeout", 0, "SECONDS",                                      \
	    "time limit per rule (default: 60, plus 120 per million evidence " \
	    "rows)")

static struct opt inspect_opts[] = {
	OPT("format", 'f', "FORMAT", "output format: text (default) or json"),
	OPT("output", 'o', "FILE", "write to FILE instead of standard output"),
	OPT("follow-symlinks", 0, NULL,
	    "-o may name a symbolic link: write the file it points to"),
	OPT("all", 'a', NULL, "list all data-quality findings kept"),
	OPT_END,
};

static struct opt pack_opts[] = {
	OPT("output", 'o', "FILE", "the package to write (a .zip)"),
	OPT("profile", 'p', "NAME",
	    "mapping profile: a name in mappings/ or a file (default: the "
	    "bundled profile that knows most headers, if any)"),
	OPT("encoding", 0, "ENC",
	    "text files without byte order mark: utf-8 or windows-1252 "
	    "(default: UTF-8 if valid, else Windows-1252, reported)"),
	OPT("member", 0, "NAME", "the member's registered name"),
	OPT("kvk", 0, "NUMBER", "the member's KvK number (8 digits)"),
	OPT("abu-number", 0, "NUMBER", "the member's ABU number"),
	OPT("from", 0, "DATE", "first day of the audit period, YYYY-MM-DD"),
	OPT("to", 0, "DATE", "last day of the audit period, YYYY-MM-DD"),
	OPT("producer", 0, "NAME", "who made the package"),
	OPT("system", 0, "NAME", "the system the data comes from"),
	OPT("produced-at", 0, "TIME",
	    "when the data was exported, e.g. 2026-11-10T16:45:00+01:00 "
	    "(default: manifest.xml's, else SOURCE_DATE_EPOCH or now)"),
	OPT("lang", 'l', "LANG", "language of the summary: en (default) or nl"),
	OPT("follow-symlinks", 0, NULL,
	    "-o may name a symbolic link: write the file it points to"),
	OPT("profile-time", 0, NULL,
	    "print the seconds of each phase on standard error"),
	OPT_END,
};

static struct opt schema_opts[] = {
	OPT("format", 'f', "FORMAT",
	    "output format: markdown (default) or json"),
	OPT("manifest-xsd", 0, NULL,
	    "print instead the XSD that manifest.xml is validated against"),
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
	OPT("allow-date-outside-period", 0, NULL,
	    "accept an audit date before or after the package's audit "
	    "period (the report says so)"),
	OPT_MULTI("rule", 0, "ID", "run only this rule or rule set"),
	OPT_MULTI("skip-rule", 0, "ID", "do not run this rule or rule set"),
	OPT("mode", 'm', "MODE",
	    "self (default: every file) or inspection (a sample of files)"),
	OPT("sample", 0, "N",
	    "inspection: auto (default), a number of workers, or all"),
	OPT("seed", 0, "S", "inspection: the sample's seed (default: random)"),
	OPT("lang", 'l', "LANG", "language of messages: en (default) or nl"),
	OPT("format", 'f', "FORMAT",
	    "report format: text (default), json, csv or html; or the "
	    "member's action plan: plan-csv or xlsx (docs/action-plan.md)"),
	OPT("fails", 0, NULL,
	    "text: every deviation and review item in full, no passes"),
	OPT("verbose", 'v', NULL,
	    "text only: every finding in full, passes included, and the "
	    "tables (the other formats do not change)"),
	OPT("all", 0, NULL,
	    "html, json, csv: every finding, passes and not applicable "
	    "too (by default they are counted)"),
	OPT("profile", 0, NULL, "print the time each rule took, slowest first"),
	OPT_MULTI("output", 'o', "FILE",
		  "write to FILE instead of standard output; repeat for "
		  "several formats at once (by extension .txt .json .csv "
		  ".html .plan.csv .xlsx)"),
	OPT("follow-symlinks", 0, NULL,
	    "-o may name a symbolic link: write the file it points to"),
	OPT("reveal-personal-data", 0, NULL,
	    "show workers' names, BSN and birth dates (masked by default); "
	    "a new -o file is made readable by its owner only"),
	OPT("generated-at", 0, "TIME",
	    "the report's generated-at value (default: SOURCE_DATE_EPOCH or "
	    "now)"),
	OPT("store", 0, "FILE",
	    "record the run in the audit store FILE (created if missing; "
	    "default: $FLEXAUDIT_STORE; docs/store.md)"),
	OPT_MAX_MEMORY,
	OPT_RULE_TIMEOUT,
	OPT_END,
};

#define OPT_STORE               \
	OPT("store", 0, "FILE", \
	    "the audit store (default: $FLEXAUDIT_STORE; docs/store.md)")

static struct opt runs_opts[] = {
	OPT_STORE,
	OPT("member", 0, "NUMBER", "only the runs of this KvK or ABU number"),
	OPT("lang", 'l', "LANG", "language of the list: en (default) or nl"),
	OPT_END,
};

static struct opt report_opts[] = {
	OPT_STORE,
	OPT("lang", 'l', "LANG", "language of the report: en (default) or nl"),
	OPT("format", 'f', "FORMAT",
	    "report format: text (default), json, csv or html; or the "
	    "member's action plan: plan-csv or xlsx"),
	OPT_MULTI("output", 'o', "FILE",
		  "write to FILE instead of standard output; repeat for "
		  "several formats at once (by extension)"),
	OPT("fails", 0, NULL,
	    "text: every deviation and review item in full, no passes"),
	OPT("verbose", 'v', NULL,
	    "text only: every finding kept in full, and the tables"),
	OPT("all", 0, NULL,
	    "html, json, csv: passes and not applicable too, if the audit "
	    "kept them (audit --all)"),
	OPT("reveal-personal-data", 0, NULL,
	    "show workers' names, BSN and birth dates, if the store keeps "
	    "them"),
	OPT("generated-at", 0, "TIME",
	    "the report's generated-at value (default: the run's)"),
	OPT("follow-symlinks", 0, NULL,
	    "-o may name a symbolic link: write the file it points to"),
	OPT_END,
};

static struct opt judge_opts[] = {
	OPT_STORE,
	OPT("verdict", 0, "VERDICT", "accept, deviation or not-applicable"),
	OPT("severity", 0, "SEVERITY",
	    "a deviation's: major or minor (default: the rule's)"),
	OPT("note", 0, "TEXT", "why: kept with the judgement (required)"),
	OPT("by", 0, "NAME",
	    "who judges (required; with --judgements, for rows without a "
	    "name)"),
	OPT("judgements", 0, "FILE",
	    "record every judgement of a CSV or JSON file instead "
	    "(docs/judgements.md): all or none"),
	OPT_END,
};

static struct opt waive_opts[] = {
	OPT_STORE,
	OPT_END,
};

static struct opt user_opts[] = {
	OPT("store", 0, "FILE",
	    "the audit store (default: $FLEXAUDIT_STORE; add: created if "
	    "missing; docs/store.md)"),
	OPT("role", 0, "ROLE", "add: admin, inspector or member"),
	OPT("kvk", 0, "NUMBER",
	    "add: a member's organisation, by its KvK number (8 digits)"),
	OPT("org-name", 0, "NAME",
	    "add: the organisation's name, to add an organisation the store "
	    "does not have yet"),
	OPT_END,
};

static struct opt serve_opts[] = {
	OPT_STORE,
	OPT("data", 0, "DIR",
	    "folder for the uploaded packages (made if missing)"),
	OPT("listen", 0, "ADDRESS:PORT",
	    "where to listen (default 127.0.0.1:8080; port 0: any free)"),
	OPT("cert", 0, "FILE", "PEM certificate: serve HTTPS (with --key)"),
	OPT("key", 0, "FILE", "PEM private key of --cert"),
	OPT("insecure-listen", 0, NULL,
	    "allow plain HTTP on an address other than loopback"),
	OPT("workers", 0, "N", "audits at once (1 to 16, default 1)"),
	OPT("upload-max", 0, "SIZE", "largest package upload (default 256M)"),
	OPT("timeout", 0, "SECONDS",
	    "close a connection idle this long (default 30)"),
	OPT_MULTI("rules", 'r', "PATH",
		  "rule-set file or directory audits run (default: bundled)"),
	OPT_END,
};

static struct opt diff_opts[] = {
	OPT_STORE,
	OPT("format", 'f', "FORMAT", "output format: text (default) or json"),
	OPT("lang", 'l', "LANG", "language of the listing: en (default) or nl"),
	OPT("all", 0, NULL,
	    "text: list the persisting findings too (by default counted)"),
	OPT("output", 'o', "FILE", "write to FILE instead of standard output"),
	OPT("follow-symlinks", 0, NULL,
	    "-o may name a symbolic link: write the file it points to"),
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
	OPT_MAX_MEMORY,
	OPT_RULE_TIMEOUT,
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
	{ "pack", "SOURCE...",
	  "Build an evidence package from a member's exports and documents.",
	  "SOURCE is a folder or files: CSV, TSV and Excel's \"Unicode "
	  "text\" (.csv,\n.tsv, .txt) and workbooks (.xlsx, a table per "
	  "sheet). In a folder: the\ntables at the top, the documents "
	  "under documents/, and a pack.xml (or a\nmanifest.xml) with the "
	  "member, period and producer (options override them).\nA table "
	  "is recognised by the folder's manifest.xml, the profile, its "
	  "file or\nsheet name (workers.csv, Pay periods) or its headers. "
	  "Every table is written\nas the package's canonical CSV, every "
	  "file hashed, manifest.xml written, the\nzip written the same "
	  "way for the same input, and then checked as inspect\nchecks it. "
	  "Exit 0: the package is written and accepted; 2: a detail "
	  "is\nmissing or an option is wrong; 3: a source or the package "
	  "is rejected (the\nzip is not left behind). See "
	  "docs/evidence-package.md.",
	  1, -1, pack_opts, cmd_pack },
	{ "audit", "PKG",
	  "Evaluate an evidence package against the rule sets.\n"
	  "Prints the findings that need attention and the verdict.",
	  "Exit 0: everything checked, no deviations (needs-review items "
	  "alone do not\ncount); 1: major or minor deviations found; 3: the "
	  "package or a rule set is\nrejected, or the money owed adds up past "
	  "64 bits of cents; 5: no deviation\nfound, but the audit is "
	  "incomplete: a rule could not run, a table a rule\nreads is not "
	  "supplied, only part of the rules was chosen (--rule,\n"
	  "--skip-rule, --rules without all bundled rules) or no rule ran. "
	  "The\nreport says what was not checked. 4: the memory "
	  "limit was\nreached (--max-memory). The rules run on one thread per "
	  "processor, at most\n4; FLEXAUDIT_THREADS=N (1 to 4) sets the "
	  "number.",
	  1, 1, audit_opts, cmd_audit },
	{ "runs", NULL, "List the audit runs in the store, newest first.",
	  "One line per run: its number, when it was stored, the audit "
	  "date, mode,\nverdict, A- and B-deviations, review items and the "
	  "member. No personal\ndata. See docs/store.md.",
	  0, 0, runs_opts, cmd_runs },
	{ "report", "RUN",
	  "Write the report of a stored run again, without the package.",
	  "The report is the one its audit made, in any format and "
	  "language.\nExit codes as audit's: 0, 1 or 5 from the run's "
	  "findings; 2: no such run\nor a wrong option. See "
	  "docs/store.md.",
	  1, 1, report_opts, cmd_report },
	{ "judge", "RUN [KEY]",
	  "Record the inspector's judgement of a finding of a stored run.",
	  "KEY is the finding's key, RULE-ID/SUBJECT, as the reports name "
	  "it. Only\nneeds-review items and failures are judged: accept, "
	  "deviation (with\n--severity for an observation) or "
	  "not-applicable, with a note and a name.\nThe run's report then "
	  "shows the judgement and the verdict that follows\nfrom the judged "
	  "findings. A key the run lacks is kept and listed. See\n"
	  "docs/store.md.",
	  1, 2, judge_opts, cmd_judge },
	{ "waive", "FILE",
	  "Record a member's waivers (approved exceptions) in the store.",
	  "FILE is a waiver file (docs/waivers.md): per waiver a rule, the "
	  "subjects\nor patterns it covers, approver, reason, legal basis "
	  "and the dates it is\nvalid, checked against each audit's date. "
	  "It replaces the member's earlier\nwaivers. The reports of the "
	  "member's runs then show the verdict with and\nwithout them, the "
	  "findings waived, and waivers expired or matching nothing.",
	  1, 1, waive_opts, cmd_waive },
	{ "diff", "A B",
	  "List what changed between two audits, finding by finding.",
	  "A and B are each a run of the store (its number) or a JSON report "
	  "of\nflexaudit audit. Per requirement, the failures and review "
	  "items that are new\nin B, resolved (passed, not applicable, or "
	  "gone while the rule ran),\npersisting, changed (outcome, class or "
	  "what was observed), or not\nrechecked (the rule did not run in "
	  "B). A run counts with its judgements.\nExit 0 whatever changed. "
	  "See docs/diff.md.",
	  2, 2, diff_opts, cmd_diff },
	{ "user", "add LOGIN|list",
	  "Add a user of the portal (flexaudit serve), or list the users.",
	  "user add reads the password from the first line of standard "
	  "input (12 to\n1024 bytes; no prompt, never echoed): printf "
	  "'%s\\n' \"$PASSWORD\" |\nflexaudit user add LOGIN --role ROLE "
	  "--store FILE. A login is 1 to 64\ncharacters of a-z 0-9 . _ @ -. "
	  "A member belongs to the organisation\n--kvk names, added with "
	  "--org-name if the store has none yet; an admin\nor an inspector "
	  "belongs to none. The store keeps only the password's\nArgon2id "
	  "hash. user list: login, role, disabled, organisation.",
	  1, 2, user_opts, cmd_user },
	{ "serve", NULL,
	  "Run the portal: members upload packages, inspectors review them.",
	  "Serves web pages until SIGINT or SIGTERM. Create the first "
	  "administrator\nwith 'flexaudit user add'. Plain HTTP only on "
	  "loopback unless\n--insecure-listen; for the network, give "
	  "--cert and --key or serve behind\na TLS reverse proxy. See "
	  "docs/serve.md.",
	  0, 0, serve_opts, cmd_serve },
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
	  "3: the package or a rule set is rejected; 5: a\npaired rule "
	  "could not run or could not check for want of a table.\n"
	  "FLEXAUDIT_THREADS=N (1 to 4) sets the threads the rules run on\n"
	  "(default: one per processor, at most 4).",
	  0, 1, compare_opts, cmd_compare },
	{ "schema", NULL,
	  "Print the evidence package tables and columns (format v1).",
	  "With --manifest-xsd: the XML schema of manifest.xml instead, the "
	  "one every\npackage's manifest is validated against (the same "
	  "bytes as\nschemas/manifest.xsd).",
	  0, 0, schema_opts, cmd_schema },
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

/*
 * Standard output is buffered: a write that failed (a full disk, a closed
 * pipe's reader) may show only now. Then say so and exit 4, unless the
 * command had already failed for another reason (2, 3, 4: kept).
 */
static int close_stdout(int code)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return code;
	if (code == EXIT_INTERNAL)
		return code; /* the command said what failed */
	fprintf(stderr, "flexaudit: cannot write standard output: %s\n",
		errno ? strerror(errno) : "write error");
	return code == EXIT_USAGE || code == EXIT_REJECTED ? code
							   : EXIT_INTERNAL;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage_error(NULL, "missing command");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		main_help(stdout);
		return close_stdout(0);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("flexaudit %s\n", fa_version());
		return close_stdout(0);
	}
	for (i = 0; i < N_COMMANDS; i++) {
		struct cmd *c = &commands[i];
		int n;

		if (strcmp(argv[1], c->name) != 0)
			continue;
		n = opt_parse(c, argc - 2, argv + 2);
		if (n == -2)
			return close_stdout(0);
		if (n < 0)
			return EXIT_USAGE;
		cli_cleanup_init();
		return close_stdout(c->run(c, n, argv + 2));
	}
	{
		const char *names[N_COMMANDS + 1];

		for (i = 0; i < N_COMMANDS; i++)
			names[i] = commands[i].name;
		names[N_COMMANDS] = NULL;
		return usage_choice(NULL, "command", argv[1], names);
	}
}

void cli_print_error(const struct fa_error *err)
{
	fa_show_error_text(stderr, err, "flexaudit");
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

int cli_resource_options(struct cmd *cmd, double *rule_timeout)
{
	const char *m = opt_get(cmd, "max-memory");
	const char *t = opt_get(cmd, "rule-timeout");
	uint64_t bytes = 0;
	char lo[32], hi[32];

	*rule_timeout = 0;
	if (m && fa_resource_parse_memory(&bytes, m) != 0) {
		fa_resource_format_size(lo, sizeof(lo), FA_MEM_MIN_BYTES);
		fa_resource_format_size(hi, sizeof(hi), FA_MEM_MAX_BYTES);
		return usage_error(cmd,
				   "invalid --max-memory '%s': give a size "
				   "from %s to %s, such as 512M or 4G",
				   m, lo, hi);
	}
	if (t && fa_resource_parse_seconds(rule_timeout, t) != 0)
		return usage_error(cmd,
				   "invalid --rule-timeout '%s': give seconds, "
				   "more than 0 and at most %.0f",
				   t, FA_EVAL_TIMEOUT_MAX);
	if (m)
		fa_resource_set_memory(bytes);
	return 0;
}

void cli_memory_hint(void)
{
	uint64_t now = fa_resource_memory();
	char a[32], b[32];

	fa_resource_format_size(a, sizeof(a), now);
	fa_resource_format_size(b, sizeof(b), 2 * now);
	if (2 * now <= FA_MEM_MAX_BYTES)
		fprintf(stderr,
			"flexaudit: the memory limit is %s: raise it with "
			"--max-memory, e.g. --max-memory %s\n",
			a, b);
	else
		fprintf(stderr, "flexaudit: the memory limit is %s\n", a);
}

int cli_threads(const struct cmd *cmd, size_t *out)
{
	const char *s = getenv("FLEXAUDIT_THREADS");
	size_t n = 0, i;

	*out = 0;
	if (!s || !*s)
		return 0;
	for (i = 0; s[i] >= '0' && s[i] <= '9' && n <= FA_EVAL_MAX_THREADS; i++)
		n = n * 10 + (size_t)(s[i] - '0');
	if (s[i] || n < 1 || n > FA_EVAL_MAX_THREADS)
		return usage_error(cmd,
				   "invalid FLEXAUDIT_THREADS '%s': give a "
				   "number of threads from 1 to %d",
				   s, FA_EVAL_MAX_THREADS);
	*out = n;
	return 0;
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
	char path[4096]; /* where it lands: the link's target if followed */
	char tmp[4096 + 8];
} outputs[MAX_OUTPUTS];
/* 1 while outputs[i].tmp exists: what a signal handler removes */
static volatile sig_atomic_t output_live[MAX_OUTPUTS];

void cli_outputs_discard(void)
{
	size_t i;

	for (i = 0; i < MAX_OUTPUTS; i++)
		if (output_live[i]) {
			output_live[i] = 0;
			unlink(outputs[i].tmp);
		}
}

static const char *file_kind(mode_t m)
{
	return S_ISDIR(m)    ? "a directory"
	       : S_ISFIFO(m) ? "a FIFO"
	       : S_ISCHR(m)  ? "a character device"
	       : S_ISBLK(m)  ? "a block device"
	       : S_ISSOCK(m) ? "a socket"
	       : S_ISLNK(m)  ? "a symbolic link"
			     : "not a regular file";
}

/*
 * Where path lands and the mode the report gets, or -1 after printing why
 * not: an existing path must be a regular file (a link only with
 * follow, and then its target, which must be one); an existing report
 * keeps its permissions; a new one gets 0600 if it holds personal data,
 * else 0644 less the umask.
 */
static int output_target(const char *path, int flags, char *dst, size_t size,
			 mode_t *mode)
{
	struct stat st;
	char *real = NULL;

	*mode = (flags & CLI_OUT_PERSONAL) ? 0600 : 0644 & ~current_umask();
	if (snprintf(dst, size, "%s", path) >= (int)size) {
		fprintf(stderr, "flexaudit: output path is too long\n");
		return -1;
	}
	if (lstat(path, &st) != 0)
		return 0; /* a new file; open says if it cannot be made */
	if (S_ISLNK(st.st_mode)) {
		if (!(flags & CLI_OUT_FOLLOW)) {
			fprintf(stderr,
				"flexaudit: '%s' is a symbolic link: give the "
				"path of the file itself, or --follow-symlinks "
				"to replace the file it points to\n",
				path);
			return -1;
		}
		real = realpath(path, NULL);
		if (!real || stat(real, &st) != 0) {
			fprintf(stderr,
				"flexaudit: '%s' is a symbolic link to nothing "
				"that exists: give the path of the report "
				"itself\n",
				path);
			free(real);
			return -1;
		}
		if (snprintf(dst, size, "%s", real) >= (int)size) {
			fprintf(stderr, "flexaudit: output path is too long\n");
			free(real);
			return -1;
		}
		free(real);
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr,
			"flexaudit: '%s' is %s: a report is written to a "
			"regular file only\n",
			path, file_kind(st.st_mode));
		return -1;
	}
	*mode = st.st_mode & 07777;
	return 0;
}

FILE *cli_output_open(const char *path, int flags)
{
	FILE *f;
	size_t i;
	mode_t mode;
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
	if (output_target(path, flags, outputs[i].path, sizeof(outputs[i].path),
			  &mode) != 0)
		return NULL;
	{
		size_t len = strlen(outputs[i].path); /* < 4096 */

		memcpy(outputs[i].tmp, outputs[i].path, len);
		memcpy(outputs[i].tmp + len, ".XXXXXX", 8);
	}
	fd = mkstemp(outputs[i].tmp);
	output_live[i] = fd >= 0;
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		fprintf(stderr, "flexaudit: cannot write '%s': %s\n", path,
			strerror(errno));
		if (fd >= 0) {
			close(fd);
			output_live[i] = 0;
			unlink(outputs[i].tmp);
		}
		return NULL;
	}
	/* mkstemp makes the file 0600: give it the report's mode */
	if (fchmod(fd, mode) != 0) {
		fprintf(stderr, "flexaudit: cannot write '%s': %s\n", path,
			strerror(errno));
		fclose(f);
		output_live[i] = 0;
		unlink(outputs[i].tmp);
		return NULL;
	}
	outputs[i].f = f;
	return f;
}

int cli_clock(const struct cmd *cmd, char *buf, size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (sde && *sde) {
		long long v = 0;
		const char *s;

		for (s = sde; *s >= '0' && *s <= '9' && v < 1000000000000LL;
		     s++)
			v = v * 10 + (*s - '0');
		if (*s)
			return usage_error(
			    cmd,
			    "invalid SOURCE_DATE_EPOCH '%s': give a whole "
			    "number of seconds since 1970-01-01 00:00:00 UTC",
			    sde);
		t = (time_t)v;
	}
	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "unknown");
	return 0;
}

const char *cli_output_tmp_path(FILE *f)
{
	size_t i;

	for (i = 0; i < MAX_OUTPUTS; i++)
		if (outputs[i].f && outputs[i].f == f)
			return outputs[i].tmp;
	return NULL;
}

/* path's identity: its device and inode if it exists, else the real path
 * of its directory and its name. 0, or -1 if neither can be had. */
struct ident {
	int exists;
	dev_t dev;
	ino_t ino;
	char name[4096];
};

static int identify(const char *path, struct ident *id)
{
	struct stat st;
	const char *slash = strrchr(path, '/');
	char dir[4096], *real;

	memset(id, 0, sizeof(*id));
	if (stat(path, &st) == 0) {
		id->exists = 1;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		return 0;
	}
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	real = realpath(dir, NULL);
	if (!real)
		return -1;
	snprintf(id->name, sizeof(id->name), "%s/%s", real,
		 slash ? slash + 1 : path);
	free(real);
	return 0;
}

static int same_file(const struct ident *a, const struct ident *b)
{
	if (a->exists != b->exists)
		return 0;
	return a->exists ? a->dev == b->dev && a->ino == b->ino
			 : strcmp(a->name, b->name) == 0;
}

int cli_outputs_distinct(const char *const *outs, size_t n,
			 const char *const *inputs, size_t n_inputs)
{
	struct ident a, b;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (strcmp(outs[i], "-") == 0)
			continue; /* standard output */
		if (identify(outs[i], &a) != 0)
			continue; /* its directory is missing: open says so */
		for (j = 0; j < n_inputs; j++)
			if (identify(inputs[j], &b) == 0 && same_file(&a, &b)) {
				fprintf(stderr,
					"flexaudit: output '%s' is the input "
					"'%s': write the report to another "
					"file\n",
					outs[i], inputs[j]);
				return -1;
			}
		for (j = 0; j < i; j++)
			if (strcmp(outs[j], "-") != 0 &&
			    identify(outs[j], &b) == 0 && same_file(&a, &b)) {
				fprintf(stderr,
					"flexaudit: output '%s' is given "
					"twice (also as '%s'): give each "
					"report its own file\n",
					outs[i], outs[j]);
				return -1;
			}
	}
	return 0;
}

int cli_output_close(FILE *f, int ok)
{
	const char *tmp = NULL, *path = NULL;
	size_t i, slot = 0;
	int failed, rc;

	if (f == stdout) {
		errno = 0;
		if (fflush(stdout) == 0 && !ferror(stdout))
			return 0;
		if (ok) /* a failure already reported needs no second line */
			fprintf(stderr,
				"flexaudit: cannot write standard output: "
				"%s\n",
				errno ? strerror(errno) : "write error");
		return -1;
	}
	for (i = 0; i < MAX_OUTPUTS; i++)
		if (outputs[i].f == f) {
			outputs[i].f = NULL;
			tmp = outputs[i].tmp;
			path = outputs[i].path;
			slot = i;
		}
	assert(tmp && path);
	failed = ferror(f) | (fclose(f) != 0);
	if (!ok || failed) {
		output_live[slot] = 0;
		unlink(tmp);
		if (failed)
			fprintf(stderr, "flexaudit: cannot write '%s': %s\n",
				path, strerror(errno));
		return -1;
	}
	rc = rename(tmp, path);
	output_live[slot] = 0; /* renamed, or removed just below */
	if (rc != 0) {
		fprintf(stderr, "flexaudit: cannot write '%s': %s\n", path,
			strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
