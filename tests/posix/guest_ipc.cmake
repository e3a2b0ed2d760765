# POSIX_GUEST_IPC: whether the guest half of the IPC programs in
# tests/posix (POSIX_IPC_PROGRAMS) is built into the boot image and run
# (docs/testing.md). Their Linux half always runs. The guest half needs
# libc's SysV shm calls and unshare(), without which the programs do not
# even link, and the ipc-ns server behind them; so AUTO, the default, turns
# it on as soon as libc's sources define shmget and unshare, and ON or OFF
# force it. The top-level host tree resolves it and passes ON or OFF to
# the guest tree, so that both halves agree.
#
# Sets POSIX_GUEST_IPC_ENABLED (ON or OFF) and POSIX_GUEST_IPC_WHY.

set(POSIX_GUEST_IPC AUTO CACHE STRING
	"build and run the guest half of the IPC differential programs: AUTO (when libc defines shmget and unshare), ON or OFF")
set_property(CACHE POSIX_GUEST_IPC PROPERTY STRINGS AUTO ON OFF)

# Set out to YES if some libc source defines function name (a line that
# starts at column 0 with a type and names it: a definition, in our style).
function(posix_libc_defines name out)
	file(GLOB_RECURSE sources CONFIGURE_DEPENDS
		${CMAKE_SOURCE_DIR}/libc/*.c)
	list(FILTER sources EXCLUDE REGEX "/libc/tests/")
	# A new definition in an existing file must re-run this check too.
	set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
		${sources})
	set(found NO)
	foreach(f ${sources})
		file(STRINGS ${f} hits REGEX "^[A-Za-z_][^(]*[ *]${name}\\(")
		if(hits)
			set(found YES)
		endif()
	endforeach()
	set(${out} ${found} PARENT_SCOPE)
endfunction()

if(POSIX_GUEST_IPC STREQUAL "AUTO")
	posix_libc_defines(shmget has_shmget)
	posix_libc_defines(unshare has_unshare)
	if(has_shmget AND has_unshare)
		set(POSIX_GUEST_IPC_ENABLED ON)
	else()
		set(POSIX_GUEST_IPC_ENABLED OFF)
	endif()
	string(CONCAT POSIX_GUEST_IPC_WHY "POSIX_GUEST_IPC is AUTO and libc "
		"defines shmget: ${has_shmget}, unshare: ${has_unshare}")
elseif(POSIX_GUEST_IPC)
	set(POSIX_GUEST_IPC_ENABLED ON)
	set(POSIX_GUEST_IPC_WHY "POSIX_GUEST_IPC is ${POSIX_GUEST_IPC}")
else()
	set(POSIX_GUEST_IPC_ENABLED OFF)
	set(POSIX_GUEST_IPC_WHY "POSIX_GUEST_IPC is ${POSIX_GUEST_IPC}")
endif()
