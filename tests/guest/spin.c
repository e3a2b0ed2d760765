/*
 * A helper for the shell tests, not a test: `spin` runs on the CPU until
 * it is killed; `spin SECONDS [STATUS]` runs that long, then exits with
 * STATUS (default 0). It says so when it starts, so that a test knows it
 * is running.
 */
#include <stdio.h>
#include <stdlib.h>

#include <mk/mk.h>

int main(int argc, char **argv)
{
	volatile unsigned long turns = 0;
	long end;

	if (argc == 1) {
		printf("spin: spinning until killed\n");
		for (;;)
			turns++;
	}
	end = mk_clock_ns() + (long)(strtod(argv[1], NULL) * 1e9);
	printf("spin: spinning for %s s\n", argv[1]);
	while (mk_clock_ns() < end)
		turns++;
	printf("spin: done\n");
	return argc > 2 ? atoi(argv[2]) : 0;
}
