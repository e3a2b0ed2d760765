/* A small kernel monitor on the console, until the init shell exists. */
#ifndef KERNEL_MONITOR_H
#define KERNEL_MONITOR_H

#include <stdnoreturn.h>

noreturn void monitor_run(void);

#endif
