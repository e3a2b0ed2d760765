/*
 * The programs in the boot image, for the shell's ls.
 */
#ifndef INIT_PROGRAMS_H
#define INIT_PROGRAMS_H

/* Print the name and size of each program in the boot image, one a line.
 * Returns 0, or a negative errno after saying what went wrong. */
int programs_list(void);

#endif /* INIT_PROGRAMS_H */
