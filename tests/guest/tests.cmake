# The guest test programs, one per tests/guest/NAME.c: the guest tree builds
# each into the boot image; the host tree runs each as one CTest test,
# booting the system with init running it (tools/boot.py).
set(GUEST_TESTS
	test_libc
	test_libc_posix
	test_libc_stdio_heap
	test_libc_time
	test_kernel_tasks
	test_kernel_syscalls
	test_kernel_msg_calls
	test_kernel_creds
	test_kernel_fuzz
	test_kernel_ipc
	test_kernel_mem
	test_kernel_tokens
	test_ipc_ns_shm
	test_ipc_setns
	test_shm_calls
	test_shm_lifetime)
