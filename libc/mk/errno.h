/*
 * Linux's error numbers, under MK_ names: the numbers the kernel (and the
 * servers, by house rule) return negated. picolibc's <errno.h> gives some
 * of the same names other numbers (ENOSYS is 88 there, 38 here), so code
 * that handles raw results compares against these, and __mk_errno is the
 * one place where a raw result becomes -1 and picolibc's errno.
 */
#ifndef MK_ERRNO_H
#define MK_ERRNO_H

#define MK_EPERM 1
#define MK_ENOENT 2
#define MK_ESRCH 3
#define MK_EINTR 4
#define MK_EIO 5
#define MK_ENXIO 6
#define MK_E2BIG 7
#define MK_ENOEXEC 8
#define MK_EBADF 9
#define MK_ECHILD 10
#define MK_EAGAIN 11
#define MK_ENOMEM 12
#define MK_EACCES 13
#define MK_EFAULT 14
#define MK_ENOTBLK 15
#define MK_EBUSY 16
#define MK_EEXIST 17
#define MK_EXDEV 18
#define MK_ENODEV 19
#define MK_ENOTDIR 20
#define MK_EISDIR 21
#define MK_EINVAL 22
#define MK_ENFILE 23
#define MK_EMFILE 24
#define MK_ENOTTY 25
#define MK_ETXTBSY 26
#define MK_EFBIG 27
#define MK_ENOSPC 28
#define MK_ESPIPE 29
#define MK_EROFS 30
#define MK_EMLINK 31
#define MK_EPIPE 32
#define MK_EDOM 33
#define MK_ERANGE 34
#define MK_EDEADLK 35
#define MK_ENAMETOOLONG 36
#define MK_ENOLCK 37
#define MK_ENOSYS 38
#define MK_ENOTEMPTY 39
#define MK_ELOOP 40
#define MK_EWOULDBLOCK MK_EAGAIN
#define MK_ENOMSG 42
#define MK_EIDRM 43
#define MK_ECHRNG 44
#define MK_EL2NSYNC 45
#define MK_EL3HLT 46
#define MK_EL3RST 47
#define MK_ELNRNG 48
#define MK_EUNATCH 49
#define MK_ENOCSI 50
#define MK_EL2HLT 51
#define MK_EBADE 52
#define MK_EBADR 53
#define MK_EXFULL 54
#define MK_ENOANO 55
#define MK_EBADRQC 56
#define MK_EBADSLT 57
#define MK_EDEADLOCK MK_EDEADLK
#define MK_EBFONT 59
#define MK_ENOSTR 60
#define MK_ENODATA 61
#define MK_ETIME 62
#define MK_ENOSR 63
#define MK_ENONET 64
#define MK_ENOPKG 65
#define MK_EREMOTE 66
#define MK_ENOLINK 67
#define MK_EADV 68
#define MK_ESRMNT 69
#define MK_ECOMM 70
#define MK_EPROTO 71
#define MK_EMULTIHOP 72
#define MK_EDOTDOT 73
#define MK_EBADMSG 74
#define MK_EOVERFLOW 75
#define MK_ENOTUNIQ 76
#define MK_EBADFD 77
#define MK_EREMCHG 78
#define MK_ELIBACC 79
#define MK_ELIBBAD 80
#define MK_ELIBSCN 81
#define MK_ELIBMAX 82
#define MK_ELIBEXEC 83
#define MK_EILSEQ 84
#define MK_ERESTART 85
#define MK_ESTRPIPE 86
#define MK_EUSERS 87
#define MK_ENOTSOCK 88
#define MK_EDESTADDRREQ 89
#define MK_EMSGSIZE 90
#define MK_EPROTOTYPE 91
#define MK_ENOPROTOOPT 92
#define MK_EPROTONOSUPPORT 93
#define MK_ESOCKTNOSUPPORT 94
#define MK_EOPNOTSUPP 95
#define MK_ENOTSUP MK_EOPNOTSUPP
#define MK_EPFNOSUPPORT 96
#define MK_EAFNOSUPPORT 97
#define MK_EADDRINUSE 98
#define MK_EADDRNOTAVAIL 99
#define MK_ENETDOWN 100
#define MK_ENETUNREACH 101
#define MK_ENETRESET 102
#define MK_ECONNABORTED 103
#define MK_ECONNRESET 104
#define MK_ENOBUFS 105
#define MK_EISCONN 106
#define MK_ENOTCONN 107
#define MK_ESHUTDOWN 108
#define MK_ETOOMANYREFS 109
#define MK_ETIMEDOUT 110
#define MK_ECONNREFUSED 111
#define MK_EHOSTDOWN 112
#define MK_EHOSTUNREACH 113
#define MK_EALREADY 114
#define MK_EINPROGRESS 115
#define MK_ESTALE 116
#define MK_EUCLEAN 117
#define MK_ENOTNAM 118
#define MK_ENAVAIL 119
#define MK_EISNAM 120
#define MK_EREMOTEIO 121
#define MK_EDQUOT 122
#define MK_ENOMEDIUM 123
#define MK_EMEDIUMTYPE 124
#define MK_ECANCELED 125
#define MK_ENOKEY 126
#define MK_EKEYEXPIRED 127
#define MK_EKEYREVOKED 128
#define MK_EKEYREJECTED 129
#define MK_EOWNERDEAD 130
#define MK_ENOTRECOVERABLE 131
#define MK_ERFKILL 132
#define MK_EHWPOISON 133

#define MK_ERRNO_MAX 133

/*
 * picolibc's constant with the name of Linux error -r: EIO for a number
 * with no such constant, or r outside -MK_ERRNO_MAX..-1. For functions
 * that return an error number (posix_spawn) instead of setting errno.
 */
int __mk_errno_value(long r);

/*
 * Set errno to __mk_errno_value(r) and return -1. Call it only with a
 * failed raw result (r < 0).
 */
int __mk_errno(long r);

/* A raw result as POSIX functions return it: r itself, or -1 and errno. */
static inline long __mk_result(long r)
{
	return r < 0 ? __mk_errno(r) : r;
}

#endif /* MK_ERRNO_H */
