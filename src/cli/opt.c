/* SPDX-License-Identifier: MIT */
/* Table-driven option parsing and help (see opt.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "opt.h"

int usage_error(const struct cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("flexaudit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "try 'flexaudit %s --help'\n", cmd->name);
	else
		fputs("try 'flexaudit --help'\n", stderr);
	return EXIT_USAGE;
}

int opt_choice(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int usage_choice(const struct cmd *cmd, const char *what, const char *s,
		 const char *const *names)
{
	char list[256];
	size_t n, i, o = 0;

	for (n = 0; names[n]; n++)
		;
	list[0] = '\0';
	for (i = 0; i < n && o < sizeof(list); i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
				      i == 0	  ? ""
				      : i + 1 < n ? ", "
						  : " or ",
				      names[i]);
	return usage_error(cmd, "unknown %s '%s': give %s", what, s, list);
}

static struct opt *find_long(struct cmd *cmd, const char *name, size_t len)
{
	struct opt *o;

	for (o = cmd->opts; o && o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

static struct opt *find_short(struct cmd *cmd, char c)
{
	struct opt *o;

	for (o = cmd->opts; o && o->name; o++)
		if (o->short_name && o->short_name == c)
			return o;
	return NULL;
}

int opt_parse(struct cmd *cmd, int argc, char **argv)
{
	int i, npos = 0, only_pos = 0;

	for (i = 0; i < argc; i++) {
		char *a = argv[i];
		struct opt *o = NULL;
		const char *val = NULL;

		if (only_pos || a[0] != '-' || a[1] == '\0') {
			argv[npos++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			opt_help(cmd, stdout);
			return -2;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			o = find_long(cmd, a + 2, len);
			if (!o) {
				usage_error(cmd, "unknown option '--%.*s'",
					    (int)len, a + 2);
				return -1;
			}
			if (eq && !o->arg) {
				usage_error(cmd,
					    "option '--%s' takes no argument",
					    o->name);
				return -1;
			}
			val = eq ? eq + 1 : NULL;
		} else {
			o = find_short(cmd, a[1]);
			if (!o || a[2] != '\0') {
				usage_error(cmd, "unknown option '%s'", a);
				return -1;
			}
		}
		if (o->arg && !val) {
			if (i + 1 >= argc) {
				usage_error(cmd, "option '--%s' needs %s",
					    o->name, o->arg);
				return -1;
			}
			val = argv[++i];
		}
		if (o->value && !o->repeat) {
			usage_error(cmd, "option '--%s' given twice", o->name);
			return -1;
		}
		if (o->repeat) {
			if (o->n_values == OPT_MAX_VALUES) {
				usage_error(cmd,
					    "option '--%s' given more than %d "
					    "times",
					    o->name, OPT_MAX_VALUES);
				return -1;
			}
			o->values[o->n_values++] = val;
		}
		o->value = o->arg ? val : "1";
	}
	if (npos < cmd->min_args) {
		usage_error(cmd, "missing %s", cmd->args);
		return -1;
	}
	if (cmd->max_args >= 0 && npos > cmd->max_args) {
		usage_error(cmd, "unexpected argument '%s'",
			    argv[cmd->max_args]);
		return -1;
	}
	return npos;
}

const char *opt_get(const struct cmd *cmd, const char *name)
{
	const struct opt *o;

	for (o = cmd->opts; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o->value;
	return NULL;
}

const char *const *opt_values(const struct cmd *cmd, const char *name,
			      size_t *n)
{
	const struct opt *o;

	for (o = cmd->opts; o && o->name; o++)
		if (strcmp(o->name, name) == 0) {
			*n = o->n_values;
			return o->values;
		}
	*n = 0;
	return NULL;
}

void opt_help(const struct cmd *cmd, FILE *out)
{
	const struct opt *o;

	fprintf(out, "usage: flexaudit %s [options]%s%s\n\n%s\n", cmd->name,
		cmd->args ? " " : "", cmd->args ? cmd->args : "", cmd->summary);
	fputs("\noptions:\n", out);
	for (o = cmd->opts; o && o->name; o++) {
		char left[64];

		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
				 o->short_name, o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-28s %s%s\n", left, o->help,
			o->repeat ? " (repeatable)" : "");
	}
	fprintf(out, "  %-28s %s\n", "-h, --help", "show this help");
	if (cmd->details)
		fprintf(out, "\n%s\n", cmd->details);
}
