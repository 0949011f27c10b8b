/* SPDX-License-Identifier: MIT */
/*
 * `flexaudit user`: the portal's users in the audit store. user add
 * LOGIN reads the password from the first line of standard input, never
 * from the command line (where ps and the shell's history would show
 * it), and never echoes or prints it; user list shows the users without
 * their password hashes. The store is the library's (fa_store_add_user,
 * fa_show_users_text).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * The first line of standard input without its line end into buf: 0, or
 * the usage exit code after printing why not (none, empty, too long).
 */
static int read_password(struct cmd *cmd, char *buf, size_t size)
{
	size_t len;

	if (!fgets(buf, (int)size, stdin))
		buf[0] = '\0';
	len = strlen(buf);
	if (len && buf[len - 1] != '\n' && !feof(stdin)) {
		memset(buf, 0, size);
		return usage_error(cmd,
				   "password is longer than %d bytes: give "
				   "at most %d",
				   FA_PASSWORD_MAX, FA_PASSWORD_MAX);
	}
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (len && buf[len - 1] == '\r')
		buf[--len] = '\0';
	if (!len)
		return usage_error(cmd,
				   "no password on standard input: give it "
				   "on the first line, e.g. printf '%%s\\n' "
				   "\"$PASSWORD\" | flexaudit user add ...");
	return 0;
}

static int user_add(struct cmd *cmd, const char *path, const char *login)
{
	/* a line end (\r\n) and the NUL after the longest password, and
	 * one byte more to see that a line is longer */
	char password[FA_PASSWORD_MAX + 4];
	const char *role = opt_get(cmd, "role");
	struct fa_store *store = NULL;
	struct fa_error err;
	int code;

	if (!role)
		return usage_error(cmd, "user add needs --role: admin, "
					"inspector or member");
	code = read_password(cmd, password, sizeof(password));
	if (code)
		return code;
	fa_error_init(&err);
	if (fa_store_open(&store, path, FA_STORE_CREATE, &err) != FA_OK) {
		memset(password, 0, sizeof(password));
		cli_print_error(&err);
		return err.code == FA_ERR_IO ? EXIT_USAGE
					     : cli_exit_code(err.code);
	}
	if (fa_store_add_user(store, login, role, opt_get(cmd, "kvk"),
			      opt_get(cmd, "org-name"), password,
			      &err) != FA_OK) {
		cli_print_error(&err);
		fprintf(stderr, "flexaudit: no user added\n");
		code = cli_exit_code(err.code);
	} else {
		fprintf(stderr, "flexaudit: added %s '%s' to '%s'\n", role,
			login, path);
	}
	memset(password, 0, sizeof(password));
	fa_store_close(store);
	return code;
}

static int user_list(const char *path)
{
	struct fa_store *store = NULL;
	struct fa_error err;
	int code = 0;

	fa_error_init(&err);
	if (fa_store_open(&store, path, 0, &err) != FA_OK) {
		cli_print_error(&err);
		return err.code == FA_ERR_IO ? EXIT_USAGE
					     : cli_exit_code(err.code);
	}
	if (fa_show_users_text(stdout, store, &err) != FA_OK) {
		cli_print_error(&err);
		code = cli_exit_code(err.code);
	}
	fa_store_close(store);
	return code;
}

int cmd_user(struct cmd *cmd, int argc, char **argv)
{
	static const char *const actions[] = { "add", "list", NULL };
	const char *path;
	int add;

	if (opt_choice(actions, argv[0]) < 0)
		return usage_choice(cmd, "action", argv[0], actions);
	add = strcmp(argv[0], "add") == 0;
	if (add && argc != 2)
		return usage_error(cmd, "user add needs one login");
	if (!add && argc != 1)
		return usage_error(cmd, "unexpected argument '%s'", argv[1]);
	if (!add && (opt_get(cmd, "role") || opt_get(cmd, "kvk") ||
		     opt_get(cmd, "org-name")))
		return usage_error(cmd, "user list takes only --store");
	path = cli_store_path(cmd);
	if (!path)
		return EXIT_USAGE;
	return add ? user_add(cmd, path, argv[1]) : user_list(path);
}
