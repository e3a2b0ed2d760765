/*
 * Handles: per-task tables of references to kernel objects, each with
 * rights (MK_RIGHT_*) and, for endpoints, a badge the receiver sees.
 * A handle is an index into the table; the lowest free one is used.
 */
#ifndef KERNEL_HANDLE_H
#define KERNEL_HANDLE_H

#include <stdint.h>

#define HANDLE_CHUNK 32		/* entries per allocated chunk */
#define HANDLE_CHUNKS 32
#define HANDLE_MAX (HANDLE_CHUNK * HANDLE_CHUNKS) /* per task */

struct task;

struct handle {
	void *obj;		/* NULL: free slot */
	uint64_t badge;		/* endpoints: badge; replies: call sequence */
	uint16_t type;		/* MK_OBJ_* */
	uint16_t pad;
	uint32_t rights;
};

struct handle_table {
	struct handle *chunk[HANDLE_CHUNKS];
	unsigned used;
};

/* A fresh id for a new endpoint or memory object. */
uint64_t object_new_id(void);

/* Take a reference to obj of `type` (every handle holds one). */
void object_get(uint16_t type, void *obj);

/* Drop a reference; the last one destroys the object. */
void object_put(uint16_t type, void *obj);

/*
 * Store a new handle in t's table; it takes over the caller's reference to
 * obj. Returns the handle, or -EMFILE / -ENOMEM (the reference is then
 * dropped).
 */
int handle_insert(struct task *t, uint16_t type, void *obj, uint32_t rights,
	uint64_t badge);

/* handle_insert, but at slot h, which must be free: h or a negative errno. */
int handle_insert_at(struct task *t, int h, uint16_t type, void *obj,
	uint32_t rights, uint64_t badge);

/*
 * The entry for handle h of `type` with all of `rights`: NULL and *err set
 * to -EBADF (no such handle, or another type) or -EPERM (rights missing).
 */
struct handle *handle_lookup(struct task *t, int h, uint16_t type,
	uint32_t rights, int *err);

/* Any entry: NULL if h is not a handle of t. */
struct handle *handle_get(struct task *t, int h);

/* Remove handle h from t without dropping its reference (moved away). */
void handle_detach(struct task *t, int h);

/* Close handle h: 0 or -EBADF. */
int handle_close(struct task *t, int h);

/* Close every handle of t (task teardown). */
void handle_table_destroy(struct task *t);

#endif
