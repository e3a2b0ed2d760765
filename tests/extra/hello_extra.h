/* A header beside the program: EXTRA_PROGRAMS puts this directory on the
 * include path. */
#ifndef HELLO_EXTRA_H
#define HELLO_EXTRA_H

#define HELLO_EXTRA_GREETING "hello from outside the tree"

#endif /* HELLO_EXTRA_H */
