/*
 * Which boot-image program a path names. The boot image is flat: every
 * program sits at its top under its own name, and there are no
 * directories. So a path names the program called like its last
 * component, whatever comes before: "/bin/echo", "./echo", "a/b/echo"
 * and "echo" all name "echo". posix_spawn and posix_spawnp both follow
 * this rule (posix_spawnp searches no PATH). Pure code: host-tested.
 */
#ifndef MK_PROGNAME_H
#define MK_PROGNAME_H

#define MK_PATH_MAX 4096 /* Linux's PATH_MAX, with the NUL */
#define MK_NAME_MAX 255	 /* Linux's NAME_MAX, without the NUL */

/*
 * Set *name to the program name inside path (its last component).
 * Returns 0; -MK_ENOENT for an empty path; -MK_EACCES for a path ending
 * in '/' (a directory, as execve says); -MK_ENAMETOOLONG for a path of
 * MK_PATH_MAX bytes or more, or a last component over MK_NAME_MAX.
 */
int mk_program_name(const char *path, const char **name);

#endif /* MK_PROGNAME_H */
