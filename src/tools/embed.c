/* SPDX-License-Identifier: MIT */
/*
 * Build helper: read a file on stdin and write a C file defining
 * `const char NAME[]` with its bytes and `const size_t NAME_len`.
 * Used to embed the XML schemas (schemas/*.xsd) in the library.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	unsigned long n = 0;
	int c;

	if (argc != 2) {
		fprintf(stderr, "usage: embed NAME < FILE > FILE.c\n");
		return 2;
	}
	printf("#include <stddef.h>\nconst char %s[] = {\n", argv[1]);
	while ((c = getchar()) != EOF) {
		printf("%d,%s", c, (++n % 16) ? "" : "\n");
	}
	printf("0};\nconst size_t %s_len = %lu;\n", argv[1], n);
	return 0;
}
