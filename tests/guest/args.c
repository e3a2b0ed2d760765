/*
 * A helper for the shell tests, not a test: prints how many arguments it
 * got and each one in brackets on a line of its own, then exits with
 * their count, so a test sees both the words and the status.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("args: %d\n", argc - 1);
	for (int i = 1; i < argc; i++)
		printf("[%s]\n", argv[i]);
	return argc - 1;
}
