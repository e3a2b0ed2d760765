/* Intrusive circular doubly-linked lists. */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list {
	struct list *next, *prev;
};

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define list_entry(node, type, member) container_of(node, type, member)

/* An empty list, or an unlinked node: points at itself. */
static inline void list_init(struct list *l)
{
	l->next = l->prev = l;
}

static inline bool list_empty(const struct list *l)
{
	return l->next == l;
}

static inline void list_insert_between(struct list *n, struct list *prev,
	struct list *next)
{
	n->prev = prev;
	n->next = next;
	prev->next = n;
	next->prev = n;
}

static inline void list_push_back(struct list *l, struct list *n)
{
	list_insert_between(n, l->prev, l);
}

static inline void list_push_front(struct list *l, struct list *n)
{
	list_insert_between(n, l, l->next);
}

/* Unlink n and leave it pointing at itself (removing twice is harmless). */
static inline void list_remove(struct list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

/* The first node, unlinked; NULL when empty. */
static inline struct list *list_pop_front(struct list *l)
{
	struct list *n = l->next;

	if (n == l)
		return NULL;
	list_remove(n);
	return n;
}

#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* Iterate where the body may remove pos. */
#define list_for_each_safe(pos, tmp, head)                              \
	for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
		(pos) = (tmp), (tmp) = (pos)->next)

#endif
