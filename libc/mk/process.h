/*
 * libmk's record of the children posix_spawn started (process.c), shared
 * with posix_spawn.c. Not a public interface.
 */
#ifndef MK_PROCESS_H
#define MK_PROCESS_H

/* True if no more children can be recorded (posix_spawn: EAGAIN). */
int __mk_children_full(void);

/* Record the child task behind handle. Returns its pid (its task id), or
 * a negative errno (the table full, or the handle not a task). */
long __mk_child_add(int handle);

#endif /* MK_PROCESS_H */
