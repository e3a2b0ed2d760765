# Shared by ci/run, ci/test and ci/debug: install what is missing, build.
# Source it; it changes to the repository's top directory.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-$ROOT/build}

PACKAGES=(gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
	picolibc-riscv64-unknown-elf qemu-system-misc opensbi cmake
	ninja-build gcc libc6-dev libcmocka-dev gdb-multiarch python3
	device-tree-compiler cpio clang libclang-rt-14-dev)

# Install the Debian packages that are not there yet (root), or say how.
ensure_packages() {
	local missing=() p
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "missing Debian packages: ${missing[*]}" >&2
		echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	echo "installing: ${missing[*]}"
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# Configure (once) and build the host tests and the guest image, or only
# the targets given (`build guest`: the guest half).
build() {
	local type=${BUILD_TYPE:-Debug}
	cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$type" \
		-DWERROR="${WERROR:-OFF}" >/dev/null
	if [ $# -gt 0 ]; then
		cmake --build "$BUILD_DIR" -j2 --target "$@"
	else
		cmake --build "$BUILD_DIR" -j2
	fi
}

KERNEL_ELF() {
	echo "$BUILD_DIR/target/kernel/kernel.elf"
}
