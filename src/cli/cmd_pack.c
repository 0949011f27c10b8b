/* SPDX-License-Identifier: MIT */
/*
 * flexaudit pack SOURCE... -o PKG.zip: build an evidence package from a
 * member's exports and documents folder (the library's fa_pack_run does
 * the work), print what was found, and the package check as inspect
 * prints it. The zip is written under a temporary name beside PKG.zip and
 * renamed only when the check accepts it.
 */
#include <string.h>

#include "cli.h"

int cmd_pack(struct cmd *cmd, int argc, char **argv)
{
	static const char *const langs[] = { "en", "nl", NULL };
	static const char *const encodings[] = { "utf-8", "windows-1252",
						 NULL };
	struct fa_pack_options o;
	struct fa_pack *p = NULL;
	struct fa_error err;
	const char *path = opt_get(cmd, "output"), *lang = opt_get(cmd, "lang");
	char now[32];
	enum fa_code rc;
	FILE *zip;
	int code;

	if (!path)
		return usage_error(cmd, "no output: give -o PKG.zip");
	if (strcmp(path, "-") == 0)
		return usage_error(cmd, "a package cannot go to standard "
					"output: give -o PKG.zip");
	if (lang && opt_choice(langs, lang) < 0)
		return usage_choice(cmd, "language", lang, langs);
	memset(&o, 0, sizeof(o));
	o.encoding = opt_get(cmd, "encoding");
	if (o.encoding && opt_choice(encodings, o.encoding) < 0)
		return usage_choice(cmd, "encoding", o.encoding, encodings);
	if (cli_clock(cmd, now, sizeof(now)) != 0)
		return EXIT_USAGE;
	if (cli_outputs_distinct(&path, 1, (const char *const *)argv,
				 (size_t)argc) != 0)
		return EXIT_USAGE;
	/* a package holds personal data: a new one is the owner's only */
	zip = cli_output_open(
	    path, CLI_OUT_PERSONAL |
		      (opt_get(cmd, "follow-symlinks") ? CLI_OUT_FOLLOW : 0));
	if (!zip)
		return EXIT_USAGE;
	o.sources = (const char *const *)argv;
	o.n_sources = (size_t)argc;
	o.output = cli_output_tmp_path(zip);
	o.output_name = path;
	o.profile = opt_get(cmd, "profile");
	o.member_name = opt_get(cmd, "member");
	o.kvk = opt_get(cmd, "kvk");
	o.abu_number = opt_get(cmd, "abu-number");
	o.period_from = opt_get(cmd, "from");
	o.period_to = opt_get(cmd, "to");
	o.producer_name = opt_get(cmd, "producer");
	o.producer_system = opt_get(cmd, "system");
	o.produced_at = opt_get(cmd, "produced-at");
	o.now = now;
	o.nl = lang && strcmp(lang, "nl") == 0;
	fa_error_init(&err);
	cli_progress("packing");
	rc = fa_pack_run(&p, &o, &err);
	cli_progress(NULL);
	if (p && fa_show_pack_text(stdout, p, &err) == FA_OK && rc == FA_OK) {
		fputs("\n", stdout);
		rc = fa_show_inspect_text(stdout, fa_pack_evidence(p), 0, &err);
	}
	if (p && opt_get(cmd, "profile-time"))
		fa_pack_write_profile(stderr, p);
	if (rc != FA_OK) {
		fflush(stdout);
		cli_print_error(&err);
		cli_output_close(zip, 0);
		fa_pack_free(p);
		if (rc == FA_ERR_NOMEM)
			cli_memory_hint();
		return cli_exit_code(rc);
	}
	fa_pack_free(p);
	code = cli_output_close(zip, 1) == 0 ? EXIT_COMPLIANT : EXIT_INTERNAL;
	return code;
}
