/*
 * Our public IPC headers against Linux: layouts are asserted at compile
 * time (shm_abi_ours.c, shm_abi_host.c); here the constants' values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "shm_abi_expect.h"

static void constants_equal_the_host_linux_values(void **state)
{
	int i;

	(void)state;
	if (!shm_abi_host_checked) {
		print_message("skipped: the host is not 64-bit glibc Linux\n");
		skip();
	}
	for (i = 0; shm_abi_ours[i].name; i++) {
		assert_non_null(shm_abi_host[i].name);
		assert_string_equal(shm_abi_ours[i].name, shm_abi_host[i].name);
		if (shm_abi_ours[i].value != shm_abi_host[i].value)
			fail_msg("%s: ours %ld, Linux %ld",
				shm_abi_ours[i].name, shm_abi_ours[i].value,
				shm_abi_host[i].value);
	}
	assert_null(shm_abi_host[i].name);
	assert_true(i >= 23);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(constants_equal_the_host_linux_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
