#ifndef KERNEL_ROOTTASK_H
#define KERNEL_ROOTTASK_H

#include <stdbool.h>

#include "fdt.h"

/* Load and start init from the boot image; false if there is none. */
bool root_task_start(const struct fdt_info *info, const char *bootargs);

#endif
