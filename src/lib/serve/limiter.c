/* SPDX-License-Identifier: MIT */
/*
 * The sign-in rate limit: failed attempts counted per login name and per
 * address over FA_LOGIN_WINDOW seconds; past FA_LOGIN_FAILS_MAX (a
 * login) or FA_LOGIN_ADDR_FAILS_MAX (an address) the next attempt waits
 * until the window ends. Kept in memory (a restart forgets it), at most
 * FA_LOGIN_TRACKED_MAX entries, the oldest dropped first.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

#include "limits.h"

struct entry {
	char key[96]; /* "l:" login or "a:" address */
	unsigned fails;
	time_t start; /* of the window */
};

struct fa_limiter {
	pthread_mutex_t lock;
	struct entry *e;
	size_t n;
};

enum fa_code fa_limiter_new(struct fa_limiter **out, struct fa_error *err)
{
	struct fa_limiter *l = calloc(1, sizeof *l);

	*out = NULL;
	if (l)
		l->e = calloc(FA_LOGIN_TRACKED_MAX, sizeof *l->e);
	if (!l || !l->e) {
		free(l);
		return fa_error_nomem(err, "login limiter");
	}
	pthread_mutex_init(&l->lock, NULL);
	*out = l;
	return FA_OK;
}

void fa_limiter_free(struct fa_limiter *l)
{
	if (!l)
		return;
	pthread_mutex_destroy(&l->lock);
	free(l->e);
	free(l);
}

static void key_of(char key[96], char kind, const char *s)
{
	snprintf(key, 96, "%c:%s", kind, s ? s : "");
}

/* The entry of key, NULL if none; with add, made (the oldest goes when
 * the table is full). Under the lock. */
static struct entry *lookup(struct fa_limiter *l, const char *key, int add,
			    time_t now)
{
	size_t i, old = 0;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->e[i].key, key) != 0)
			continue;
		if (now - l->e[i].start >= FA_LOGIN_WINDOW) {
			l->e[i].fails = 0; /* a new window */
			l->e[i].start = now;
		}
		return &l->e[i];
	}
	if (!add)
		return NULL;
	if (l->n < FA_LOGIN_TRACKED_MAX) {
		i = l->n++;
	} else {
		for (i = 1; i < l->n; i++)
			if (l->e[i].start < l->e[old].start)
				old = i;
		i = old;
	}
	memset(&l->e[i], 0, sizeof l->e[i]);
	memcpy(l->e[i].key, key, sizeof l->e[i].key);
	l->e[i].start = now;
	return &l->e[i];
}

static long wait_of(const struct entry *e, unsigned max, time_t now)
{
	if (!e || e->fails < max)
		return 0;
	return (long)(e->start + FA_LOGIN_WINDOW - now);
}

long fa_limiter_wait(struct fa_limiter *l, const char *login, const char *addr)
{
	char kl[96], ka[96];
	time_t now = time(NULL);
	long a, b;

	key_of(kl, 'l', login);
	key_of(ka, 'a', addr);
	pthread_mutex_lock(&l->lock);
	a = wait_of(lookup(l, kl, 0, now), FA_LOGIN_FAILS_MAX, now);
	b = wait_of(lookup(l, ka, 0, now), FA_LOGIN_ADDR_FAILS_MAX, now);
	pthread_mutex_unlock(&l->lock);
	return a > b ? a : b;
}

void fa_limiter_failed(struct fa_limiter *l, const char *login,
		       const char *addr)
{
	char kl[96], ka[96];
	time_t now = time(NULL);
	struct entry *e;

	key_of(kl, 'l', login);
	key_of(ka, 'a', addr);
	pthread_mutex_lock(&l->lock);
	if ((e = lookup(l, kl, 1, now)) != NULL)
		e->fails++;
	if ((e = lookup(l, ka, 1, now)) != NULL)
		e->fails++;
	pthread_mutex_unlock(&l->lock);
}

void fa_limiter_succeeded(struct fa_limiter *l, const char *login)
{
	char kl[96];
	struct entry *e;

	key_of(kl, 'l', login);
	pthread_mutex_lock(&l->lock);
	if ((e = lookup(l, kl, 0, time(NULL))) != NULL)
		e->fails = 0;
	pthread_mutex_unlock(&l->lock);
}
