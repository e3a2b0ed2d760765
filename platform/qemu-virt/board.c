/* QEMU virt: board identity, device regions and power-off. */
#include "board.h"
#include "platform.h"

#define TEST_FINISHER_PASS 0x5555
#define TEST_FINISHER_FAIL 0x3333

static const struct board_mmio virt_mmio[] = {
	{ VIRT_TEST_BASE, VIRT_TEST_SIZE, "test" },
	{ VIRT_PLIC_BASE, VIRT_PLIC_SIZE, "plic" },
	{ VIRT_UART0_BASE, VIRT_UART0_SIZE, "uart0" },
	{ VIRT_RTC_BASE, VIRT_RTC_SIZE, "rtc" },
};

/* The goldfish RTC's registers: reading TIME_LOW latches TIME_HIGH. */
#define RTC_TIME_LOW 0x00
#define RTC_TIME_HIGH 0x04

const char *board_name(void)
{
	return "qemu-virt";
}

const struct board_mmio *board_mmio_regions(size_t *count)
{
	*count = sizeof(virt_mmio) / sizeof(virt_mmio[0]);
	return virt_mmio;
}

uint64_t board_rtc_ns(void)
{
	volatile uint32_t *rtc = pa_to_kva(VIRT_RTC_BASE);
	uint64_t low = rtc[RTC_TIME_LOW / 4];

	return (uint64_t)rtc[RTC_TIME_HIGH / 4] << 32 | low;
}

/*
 * The sifive test device makes QEMU exit with a status; SBI shutdown always
 * exits 0 and so cannot report a failure.
 */
noreturn void board_poweroff(int status)
{
	volatile uint32_t *test = pa_to_kva(VIRT_TEST_BASE);
	uint32_t code = status & 0xff;

	*test = code ? (code << 16) | TEST_FINISHER_FAIL : TEST_FINISHER_PASS;
	for (;;)
		__asm__ volatile("wfi");
}
