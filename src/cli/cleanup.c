/* SPDX-License-Identifier: MIT */
/*
 * No evidence left behind: the temporary directories that hold the
 * evidence database (names, BSNs, birth dates) are removed when the
 * process is told to stop, and those of earlier runs that were killed are
 * removed when the next one starts. The handlers live here, not in the
 * library, because a signal's disposition belongs to the whole process:
 * the library only keeps the paths and offers an async-signal-safe
 * fa_tempdir_remove_all.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "cli.h"

/*
 * The signals sent from outside that end a process by default: the
 * terminal's (HUP, INT, QUIT), kill's default (TERM), a closed pipe (PIPE),
 * resource limits (XCPU, XFSZ), and the timer and user signals nobody
 * should send us but could. Faults raised by the process itself (SEGV,
 * BUS, FPE, ILL, ABRT) are not caught: the state a handler would read may
 * be what went wrong; the next run's sweep removes what they leave.
 */
static const int signals[] = {
	SIGHUP,	 SIGINT,  SIGQUIT, SIGTERM, SIGPIPE,
	SIGXCPU, SIGXFSZ, SIGALRM, SIGUSR1, SIGUSR2,
};
#define N_SIGNALS (sizeof(signals) / sizeof(signals[0]))

/* Remove the temporary directories, then die of the same signal with its
 * default action, so that the exit status says which signal it was. */
static void on_signal(int sig)
{
	int saved = errno;

	fa_tempdir_remove_all();
	cli_outputs_discard(); /* a half-written report may hold personal data
				*/
	signal(sig, SIG_DFL);
	/* sig is blocked while this handler runs: it is delivered, with the
	 * default action, as soon as the handler returns */
	raise(sig);
	errno = saved;
}

void cli_cleanup_init(void)
{
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	/* one removal at a time: the others wait until the first ends us */
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < N_SIGNALS; i++)
		sigaddset(&sa.sa_mask, signals[i]);
	for (i = 0; i < N_SIGNALS; i++) {
		/* A signal ignored when we start stays ignored (nohup, a
		 * background job of a script): the caller asked for that. */
		if (sigaction(signals[i], NULL, &old) != 0 ||
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(signals[i], &sa, NULL);
	}
	fa_tempdir_sweep(NULL);
}
