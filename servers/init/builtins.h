/*
 * The shell's builtin commands: the ones that act on the shell or the
 * system rather than start a program.
 */
#ifndef INIT_BUILTINS_H
#define INIT_BUILTINS_H

struct builtin {
	const char *name;
	const char *usage;		   /* the arguments, for help */
	const char *help;		   /* what it does, in a few words */
	int (*run)(int argc, char **argv); /* returns the status ($?) */
};

/* The builtin called name, or NULL. */
const struct builtin *builtin_find(const char *name);

#endif /* INIT_BUILTINS_H */
