/* Kernel self-tests, run at boot when the boot arguments say `selftest`. */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

#include "fdt.h"

/* Run every test; print PASS/FAIL lines and the summary; return failures. */
int selftest_run(const struct fdt_info *info);

#endif
