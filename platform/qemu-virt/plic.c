/*
 * Platform-level interrupt controller on QEMU virt. Each hart has an M-mode
 * and an S-mode context; the S-mode context of hart h is 2h + 1.
 */
#include "board.h"
#include "platform.h"

#define PLIC_PRIORITY(irq) (4 * (irq))
#define PLIC_ENABLE(ctx) (0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx) (0x200004 + 0x1000 * (ctx))

void uart_enable_rx_irq(void);

static inline volatile uint32_t *plic_reg(unsigned long offset)
{
	return (volatile uint32_t *)((char *)pa_to_kva(VIRT_PLIC_BASE) + offset);
}

static unsigned plic_s_context(uint32_t hart_id)
{
	return 2 * hart_id + 1;
}

void board_irq_init(uint32_t hart_id)
{
	unsigned ctx = plic_s_context(hart_id);

	*plic_reg(PLIC_PRIORITY(VIRT_UART0_IRQ)) = 1;
	*plic_reg(PLIC_ENABLE(ctx) + 4 * (VIRT_UART0_IRQ / 32)) |=
		1u << (VIRT_UART0_IRQ % 32);
	*plic_reg(PLIC_THRESHOLD(ctx)) = 0;
	uart_enable_rx_irq();
}

void board_irq_handle(uint32_t hart_id)
{
	unsigned ctx = plic_s_context(hart_id);
	uint32_t irq;
	int c;

	while ((irq = *plic_reg(PLIC_CLAIM(ctx))) != 0) {
		if (irq == VIRT_UART0_IRQ) {
			while ((c = board_console_getc()) >= 0)
				console_input((char)c);
		}
		*plic_reg(PLIC_CLAIM(ctx)) = irq;
	}
}
