#include "harness.h"

char harness_why[200];
int harness_skipped;

int harness_run(const struct harness_test *tests, size_t count)
{
	int passed = 0, failed = 0, skipped = 0;

	for (size_t i = 0; i < count; i++) {
		const char *reason;

		harness_skipped = 0;
		reason = tests[i].run();
		if (reason == NULL) {
			printf("PASS %s\n", tests[i].name);
			passed++;
		} else if (harness_skipped) {
			printf("SKIP %s: %s\n", tests[i].name, reason);
			skipped++;
		} else {
			printf("FAIL %s: %s\n", tests[i].name, reason);
			failed++;
		}
		fflush(stdout);
	}
	if (skipped)
		printf("%d passed, %d failed, %d skipped\n", passed, failed,
			skipped);
	else
		printf("%d passed, %d failed\n", passed, failed);
	fflush(stdout);
	return failed == 0 ? 0 : 1;
}
