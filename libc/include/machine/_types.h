/*
 * Types whose size differs between picolibc's defaults and Linux riscv64:
 * picolibc's <sys/_types.h> asks this header first (the __machine_*_defined
 * hook). uid_t and gid_t are 32 bits on Linux (picolibc: 16 off Linux),
 * matching the kernel's struct mk_cred; clockid_t is an int; ino_t and
 * dev_t are 64 bits (picolibc: 16 off Linux), so that st_ino can hold a
 * namespace's number (4026531839).
 */
#ifndef MK_MACHINE_TYPES_H
#define MK_MACHINE_TYPES_H

#include_next <machine/_types.h>

#define __machine_uid_t_defined
typedef __uint32_t __uid_t;
#define __machine_gid_t_defined
typedef __uint32_t __gid_t;
#define __machine_clockid_t_defined
#define _CLOCKID_T_ int
#define __machine_ino_t_defined
typedef unsigned long __ino_t;
#define __machine_dev_t_defined
typedef __uint64_t __dev_t;

#endif /* MK_MACHINE_TYPES_H */
