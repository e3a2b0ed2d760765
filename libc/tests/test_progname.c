/*
 * Host tests of the path -> boot-image program rule: the last component
 * names the program, and the paths that name none fail as execve would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mk/errno.h"
#include "mk/progname.h"

/* Assert that path names the program want. */
static void assert_names(const char *path, const char *want)
{
	const char *name = NULL;

	assert_int_equal(mk_program_name(path, &name), 0);
	assert_non_null(name);
	assert_string_equal(name, want);
}

static void bare_name_names_itself(void **state)
{
	(void)state;
	assert_names("echo", "echo");
}

static void absolute_relative_and_nested_paths_name_the_last_part(void **state)
{
	(void)state;
	assert_names("/bin/echo", "echo");
	assert_names("./echo", "echo");
	assert_names("../x/y/echo", "echo");
	assert_names("/echo", "echo");
	assert_names("//bin//echo", "echo");
}

static void empty_path_is_enoent(void **state)
{
	const char *name = "untouched";

	(void)state;
	assert_int_equal(mk_program_name("", &name), -MK_ENOENT);
	assert_string_equal(name, "untouched");
}

static void trailing_slash_is_eacces(void **state)
{
	const char *name = NULL;

	(void)state;
	assert_int_equal(mk_program_name("/bin/", &name), -MK_EACCES);
	assert_int_equal(mk_program_name("/", &name), -MK_EACCES);
	assert_int_equal(mk_program_name("echo/", &name), -MK_EACCES);
}

static void long_component_or_path_is_enametoolong(void **state)
{
	static char path[MK_PATH_MAX + 8];
	const char *name = NULL;

	(void)state;
	/* A last component of exactly NAME_MAX is fine; one more is not. */
	memset(path, 'a', MK_NAME_MAX);
	path[MK_NAME_MAX] = '\0';
	assert_int_equal(mk_program_name(path, &name), 0);
	assert_int_equal(strlen(name), MK_NAME_MAX);
	memset(path, 'a', MK_NAME_MAX + 1);
	path[MK_NAME_MAX + 1] = '\0';
	assert_int_equal(mk_program_name(path, &name), -MK_ENAMETOOLONG);

	/* Short components, but PATH_MAX bytes in all (no room for NUL). */
	for (int i = 0; i < MK_PATH_MAX; i++)
		path[i] = i % 2 ? '/' : 'd';
	path[MK_PATH_MAX - 1] = 'x';
	path[MK_PATH_MAX] = '\0';
	assert_int_equal(mk_program_name(path, &name), -MK_ENAMETOOLONG);
	path[MK_PATH_MAX - 1] = '\0';
	path[MK_PATH_MAX - 2] = 'x';
	assert_int_equal(mk_program_name(path, &name), 0);
	assert_string_equal(name, "x");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bare_name_names_itself),
		cmocka_unit_test(
			absolute_relative_and_nested_paths_name_the_last_part),
		cmocka_unit_test(empty_path_is_enoent),
		cmocka_unit_test(trailing_slash_is_eacces),
		cmocka_unit_test(long_component_or_path_is_enametoolong),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
