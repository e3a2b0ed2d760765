# The guest test programs, one per tests/guest/NAME.c: the guest tree builds
# each into the boot image; the host tree runs each as one CTest test,
# booting the system with init running it (tools/boot.py).
set(GUEST_TESTS
	test_libc)
