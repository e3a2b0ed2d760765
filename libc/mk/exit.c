/*
 * _exit, which picolibc's exit() calls after the atexit handlers and the
 * destructors: the task ends here, with no more flushing.
 */
#include <unistd.h>

#include "mk/mk.h"

void _exit(int status)
{
	mk_exit(status);
}
