/* QEMU virt: device addresses and interrupt numbers (from its device tree). */
#ifndef QEMU_VIRT_BOARD_H
#define QEMU_VIRT_BOARD_H

#define VIRT_TEST_BASE 0x00100000UL	/* sifive,test1: power-off / reset */
#define VIRT_TEST_SIZE 0x1000UL
#define VIRT_PLIC_BASE 0x0c000000UL
#define VIRT_PLIC_SIZE 0x04000000UL
#define VIRT_UART0_BASE 0x10000000UL	/* ns16550a */
#define VIRT_UART0_SIZE 0x100UL
#define VIRT_UART0_IRQ 10
#define VIRT_RTC_BASE 0x00101000UL	/* google,goldfish-rtc */
#define VIRT_RTC_SIZE 0x1000UL

#endif
