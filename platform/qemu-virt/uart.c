/*
 * NS16550A console on QEMU virt. OpenSBI has already set it up; output is
 * polled, input arrives through the receive-data interrupt.
 */
#include "board.h"
#include "platform.h"

#define UART_RBR 0 /* receive buffer (read) */
#define UART_THR 0 /* transmit holding (write) */
#define UART_IER 1 /* interrupt enable */
#define UART_LSR 5 /* line status */

#define IER_RX_AVAILABLE 0x01
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

static inline volatile uint8_t *uart_reg(unsigned reg)
{
	return (volatile uint8_t *)pa_to_kva(VIRT_UART0_BASE) + reg;
}

void board_console_putc(char c)
{
	while (!(*uart_reg(UART_LSR) & LSR_THR_EMPTY))
		;
	*uart_reg(UART_THR) = (uint8_t)c;
}

int board_console_getc(void)
{
	if (!(*uart_reg(UART_LSR) & LSR_DATA_READY))
		return -1;
	return *uart_reg(UART_RBR);
}

/* Ask the UART to interrupt when a byte arrives. */
void uart_enable_rx_irq(void)
{
	*uart_reg(UART_IER) = IER_RX_AVAILABLE;
}
