/* SPDX-License-Identifier: MIT */
/*
 * What a check read: the parameter values that param() returned and the
 * rule-set tables its SQL names, each with the confidence its rule set
 * gives it, noted in the rule's run (struct fa_rule_run.values) so that a
 * report can say what every finding rests on. Uses eval.c's runner
 * (eval_impl.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_impl.h"

/* Room for one more value in r's run; 0, or -1 out of memory. */
static int grow(struct runner *r)
{
	struct fa_rule_run *run = r->run;
	struct fa_value_read *v;
	size_t cap;

	if (run->n_values < r->values_cap)
		return 0;
	cap = r->values_cap ? 2 * r->values_cap : 8;
	v = realloc(run->values, cap * sizeof(*v));
	if (!v) {
		r->nomem = 1;
		return -1;
	}
	run->values = v;
	r->values_cap = cap;
	return 0;
}

int fa_eval_note_value(struct runner *r, const struct fa_param *p,
		       const struct fa_param_value *v)
{
	struct fa_rule_run *run = r->run;
	size_t i;

	if (!run)
		return 0;
	/* a check calls param() per row, mostly for the value it read
	 * last: from the end, a handful of pointers compared */
	for (i = run->n_values; i-- > 0;)
		if (run->values[i].value == v)
			return 0;
	if (grow(r) != 0)
		return -1;
	run->values[run->n_values].param = p;
	run->values[run->n_values].value = v;
	run->values[run->n_values].table = NULL;
	run->values[run->n_values].confidence = v->confidence;
	run->n_values++;
	return 0;
}

static int cmp_read(const void *a, const void *b)
{
	const struct fa_value_read *x = a, *y = b;
	int c;

	if (!x->table != !y->table)
		return x->table ? 1 : -1; /* parameters first */
	if (x->table)
		return strcmp(x->table->name, y->table->name);
	c = strcmp(x->param->name, y->param->name);
	return c ? c : strcmp(x->value->from, y->value->from);
}

int fa_eval_note_tables(struct runner *r, const char *sql)
{
	const struct fa_rulesets *sets = r->sets;
	size_t s, t;

	for (s = 0; s < sets->n; s++)
		for (t = 0; t < sets->sets[s]->n_tables; t++) {
			const struct fa_table *tb = &sets->sets[s]->tables[t];
			struct fa_value_read *v;

			if (!fa_eval_table_named(tb, sql))
				continue;
			if (grow(r) != 0)
				return -1;
			v = &r->run->values[r->run->n_values++];
			v->param = NULL;
			v->value = NULL;
			v->table = tb;
			v->confidence = tb->confidence;
		}
	if (r->run->n_values > 1)
		qsort(r->run->values, r->run->n_values, sizeof(*r->run->values),
		      cmp_read);
	return 0;
}

void fa_eval_forget_values(struct fa_rule_run *run)
{
	free(run->values);
	run->values = NULL;
	run->n_values = 0;
}

int fa_rule_run_weakest(enum fa_confidence *out, const struct fa_rule_run *run,
			int firm_only)
{
	size_t i;
	int any = 0;

	*out = FA_CONF_P;
	for (i = 0; i < run->n_values; i++) {
		enum fa_confidence c = run->values[i].confidence;

		if (firm_only && c > FA_CONF_S)
			continue;
		any = 1;
		if (c > *out)
			*out = c;
	}
	return any;
}
