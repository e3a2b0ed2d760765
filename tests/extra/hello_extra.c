/*
 * A program built from outside the source tree: `cmake
 * -DEXTRA_PROGRAMS=tests/extra` puts it in the boot image as
 * "hello_extra". The CTest test boot.extra_programs_are_built_and_run
 * builds and boots it, and looks for its lines.
 */
#include <stdio.h>

#include "hello_extra.h"

int main(int argc, char **argv)
{
	printf("hello_extra: %s\n", HELLO_EXTRA_GREETING);
	for (int i = 1; i < argc; i++)
		printf("hello_extra: argv[%d] = %s\n", i, argv[i]);
	return 0;
}
