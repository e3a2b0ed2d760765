# Cross toolchain for the guest: riscv64 bare metal, rv64gc / lp64d.
# The kernel overrides -march/-mabi for itself (no FP in the kernel).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CROSS riscv64-unknown-elf-)
set(CMAKE_C_COMPILER ${CROSS}gcc)
set(CMAKE_ASM_COMPILER ${CROSS}gcc)
set(CMAKE_OBJCOPY ${CROSS}objcopy CACHE FILEPATH "objcopy")
set(CMAKE_OBJDUMP ${CROSS}objdump CACHE FILEPATH "objdump")

set(CMAKE_C_FLAGS_INIT "-march=rv64gc -mabi=lp64d -mcmodel=medany")
set(CMAKE_ASM_FLAGS_INIT "-march=rv64gc -mabi=lp64d -mcmodel=medany")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
