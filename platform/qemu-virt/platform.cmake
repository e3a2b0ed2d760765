# QEMU virt board: sources and linker script for the kernel.
set(PLATFORM_SOURCES
	${PLATFORM_DIR}/entry.S
	${PLATFORM_DIR}/board.c
	${PLATFORM_DIR}/uart.c
	${PLATFORM_DIR}/plic.c
	${PLATFORM_DIR}/sbi.c)
set(PLATFORM_LINKER_SCRIPT ${PLATFORM_DIR}/kernel.ld)
