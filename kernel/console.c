/*
 * Console output goes straight to the board's polled UART; input arrives by
 * interrupt into a single-producer single-consumer ring.
 *
 * XXX: no lock yet; fine while one hart runs. SMP must serialise output.
 */
#include "arch/riscv64/csr.h"
#include "console.h"
#include "lib/format.h"
#include "platform.h"

#define RX_SIZE 256 /* a power of two */

static char rx_ring[RX_SIZE];
static volatile unsigned rx_head, rx_tail; /* head: next write, tail: read */
static unsigned long rx_dropped;

void console_write(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			board_console_putc('\r');
		board_console_putc(s[i]);
	}
}

static void console_sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	console_write(s, n);
}

int kvprintf(const char *fmt, va_list ap)
{
	return fmt_vformat(console_sink, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* Interrupt context: store one received byte, dropping it when full. */
void console_input(char c)
{
	if (rx_head - rx_tail == RX_SIZE) {
		rx_dropped++;
		return;
	}
	rx_ring[rx_head % RX_SIZE] = c;
	__asm__ volatile("" : : : "memory");
	rx_head++;
}

int console_getc(void)
{
	int c;

	if (rx_tail == rx_head)
		return -1;
	c = (unsigned char)rx_ring[rx_tail % RX_SIZE];
	__asm__ volatile("" : : : "memory");
	rx_tail++;
	return c;
}

unsigned long console_dropped(void)
{
	return rx_dropped;
}
