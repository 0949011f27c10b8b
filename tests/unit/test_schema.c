/* SPDX-License-Identifier: MIT */
/* Tests of the evidence schema description: its own consistency. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "schema.h"

static void test_schema__names_unique_and_sql_safe(void **state)
{
	size_t i, j, k;

	(void)state;
	for (i = 0; i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);

		assert_non_null(t->doc);
		for (j = 0; j < t->n_cols; j++) {
			const char *n = t->cols[j].name;

			/* Column names are used unquoted in SQL rules. */
			assert_true(n[0] >= 'a' && n[0] <= 'z');
			for (k = 0; n[k]; k++)
				assert_true((n[k] >= 'a' && n[k] <= 'z') ||
					    (n[k] >= '0' && n[k] <= '9') ||
					    n[k] == '_');
			assert_non_null(t->cols[j].doc);
			assert_non_null(t->cols[j].example);
			for (k = j + 1; k < t->n_cols; k++)
				assert_string_not_equal(n, t->cols[k].name);
		}
		for (k = i + 1; k < fa_schema_count(); k++)
			assert_string_not_equal(t->name,
						fa_schema_table_at(k)->name);
	}
	assert_null(fa_schema_table_at(fa_schema_count()));
}

static void test_schema__references_point_at_unique_columns(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);

		for (j = 0; j < t->n_cols; j++) {
			const char *ref = t->cols[j].ref, *dot;
			const struct fa_table_spec *rt;
			char name[64];
			int c;

			if (!ref)
				continue;
			dot = strchr(ref, '.');
			assert_non_null(dot);
			memcpy(name, ref, (size_t)(dot - ref));
			name[dot - ref] = '\0';
			rt = fa_schema_table(name);
			assert_non_null(rt);
			/* The loader checks references while rows stream in,
			 * so a referenced table must be loaded earlier. */
			assert_true(rt < t);
			c = fa_schema_column_index(rt, dot + 1,
						   strlen(dot + 1));
			assert_true(c >= 0);
			assert_true(rt->cols[c].flags & FA_COL_UNIQUE);
		}
	}
}

static void test_schema__enum_values_match_case_insensitively(void **state)
{
	const struct fa_table_spec *t = fa_schema_table("locations");
	const struct fa_column_spec *c;
	const char *canon;
	size_t len = 0;
	int i;

	(void)state;
	i = fa_schema_column_index(t, "housing_form", 12);
	assert_true(i >= 0);
	c = &t->cols[i];
	canon = fa_schema_enum_match(c, "Hotel-Pension", 13, &len);
	assert_non_null(canon);
	assert_int_equal(len, 13);
	assert_memory_equal(canon, "hotel-pension", 13);
	assert_null(fa_schema_enum_match(c, "hotel", 5, &len));
	assert_null(fa_schema_enum_match(c, "dwellings", 9, &len));
	assert_null(fa_schema_enum_match(c, "", 0, &len));
}

static void test_schema__dutch_headers_accepted(void **state)
{
	const struct fa_table_spec *t = fa_schema_table("workers");

	(void)state;
	assert_int_equal(fa_schema_column_index(t, "Personeelsnummer", 16), 0);
	assert_int_equal(fa_schema_column_index(t, "EMPLOYEE_ID", 11), 0);
	assert_int_equal(fa_schema_column_index(t, "employee", 8), -1);
	assert_true(fa_schema_is_table("pay_periods"));
	assert_false(fa_schema_is_table("pay-periods"));
}

static void test_schema__table_names_list_every_table(void **state)
{
	const char *const *names = fa_schema_table_names();
	size_t i;

	(void)state;
	for (i = 0; i < fa_schema_count(); i++)
		assert_string_equal(names[i], fa_schema_table_at(i)->name);
	assert_null(names[i]);
}

static void test_schema__required_tables(void **state)
{
	(void)state;
	assert_true(fa_schema_table("workers")->flags & FA_TABLE_REQUIRED);
	assert_true(fa_schema_table("documents")->flags & FA_TABLE_REQUIRED);
	assert_false(fa_schema_table("rooms")->flags & FA_TABLE_REQUIRED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema__names_unique_and_sql_safe),
		cmocka_unit_test(
		    test_schema__references_point_at_unique_columns),
		cmocka_unit_test(
		    test_schema__enum_values_match_case_insensitively),
		cmocka_unit_test(test_schema__dutch_headers_accepted),
		cmocka_unit_test(test_schema__table_names_list_every_table),
		cmocka_unit_test(test_schema__required_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
