/* SPDX-License-Identifier: MIT */
/*
 * flexaudit serve: the portal (docs/serve.md). The server is the
 * library's (fa_server_new); this parses the options, blocks the
 * termination signals so that every server thread inherits the block,
 * starts it, says where it listens, and waits for SIGINT or SIGTERM to
 * stop it cleanly (requests and audits under way finish).
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_serve(struct cmd *cmd, int argc, char **argv)
{
	struct fa_server_options o;
	struct fa_server *srv = NULL;
	struct fa_error err;
	const char *v;
	sigset_t set;
	int sig = 0;
	char *end;
	unsigned long n;

	(void)argc;
	(void)argv;
	memset(&o, 0, sizeof o);
	o.store = opt_get(cmd, "store");
	if (!o.store)
		o.store = getenv("FLEXAUDIT_STORE");
	o.data = opt_get(cmd, "data");
	o.listen = opt_get(cmd, "listen");
	o.cert = opt_get(cmd, "cert");
	o.key = opt_get(cmd, "key");
	o.insecure_listen = opt_get(cmd, "insecure-listen") != NULL;
	o.rules = opt_values(cmd, "rules", &o.n_rules);
	if (!o.store || !*o.store) {
		usage_error(cmd, "no store: give --store FILE or set "
				 "FLEXAUDIT_STORE");
		return EXIT_USAGE;
	}
	if (!o.data) {
		usage_error(cmd, "no data folder: give --data DIR (uploaded "
				 "packages are kept there)");
		return EXIT_USAGE;
	}
	if ((v = opt_get(cmd, "workers")) != NULL) {
		n = strtoul(v, &end, 10);
		if (*end || end == v || n < 1 || n > 16) {
			usage_error(cmd, "--workers takes a number from 1 to "
					 "16");
			return EXIT_USAGE;
		}
		o.workers = n;
	}
	if ((v = opt_get(cmd, "upload-max")) != NULL &&
	    fa_resource_parse_memory(&o.upload_max, v) != 0) {
		usage_error(cmd, "--upload-max takes a size such as 256M or "
				 "1G (at least 32M)");
		return EXIT_USAGE;
	}
	if ((v = opt_get(cmd, "timeout")) != NULL) {
		n = strtoul(v, &end, 10);
		if (*end || end == v || n < 1 || n > 3600) {
			usage_error(cmd, "--timeout takes seconds from 1 to "
					 "3600");
			return EXIT_USAGE;
		}
		o.idle_seconds = (unsigned)n;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	fa_error_init(&err);
	if (fa_server_new(&srv, &o, &err) != FA_OK) {
		cli_print_error(&err);
		return err.code == FA_ERR_USAGE ? EXIT_USAGE
						: cli_exit_code(err.code);
	}
	v = o.listen ? strrchr(o.listen, ':') : NULL;
	fprintf(stderr,
		"flexaudit: serving on %s://%.*s:%u/ (store %s); stop with "
		"Ctrl-C\n",
		o.cert ? "https" : "http", v ? (int)(v - o.listen) : 9,
		v ? o.listen : "127.0.0.1", fa_server_port(srv), o.store);
	fflush(stderr);
	sigwait(&set, &sig);
	fprintf(stderr, "flexaudit: stopping (signal %d)\n", sig);
	fa_server_free(srv);
	return EXIT_COMPLIANT;
}
