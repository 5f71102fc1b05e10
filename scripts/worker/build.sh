#!/usr/bin/env bash
# Builds mediasoup's worker binary (mediasoup-worker) without internet access,
# from the worker sources shipped in node_modules/mediasoup/worker and Debian's
# libraries, and caches it outside the repository:
#
#   ${MEDIATION_ROOM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mediation-room}/
#     mediasoup-worker-<mediasoup version>-<uname -m>/mediasoup-worker
#
# A cached binary that passes the health check is reused at once. The last
# line printed on stdout is the binary's path; progress goes to stderr.
#
# Usage: scripts/worker/build.sh [--force]
#   --force   rebuild even if a healthy cached binary exists
#
# Environment:
#   MEDIATION_ROOM_CACHE_DIR      cache root (see above)
#   MEDIATION_ROOM_WORKER_JOBS    parallel compile jobs (default: nproc)
#   MEDIATION_ROOM_DEBIAN_MIRROR  Debian mirror for fetching trixie's meson
#                                 (default: the system's bookworm mirror)
#   KEEP_WORKER_BUILD=1           keep the temporary build directory
#   WORKER_BUILD_VERBOSE=1        stream meson/ninja/apt output to stderr
#
# Needs (Debian 12): g++ pkg-config ninja-build python3 libssl-dev libuv1-dev
# libabsl-dev libflatbuffers-dev flatbuffers-compiler libsrtp2-dev, installed
# here when run as root; meson >= 1.1 comes from Debian trixie's
# architecture-independent meson package, fetched with a private apt
# configuration that leaves the system's apt state untouched. Written for
# mediasoup 3.27.x (C++20; Debian 12's g++ 12 compiles it as it is).

set -euo pipefail

# ---------------------------------------------------------------------------
# Basics
# ---------------------------------------------------------------------------

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd -P)
MEDIASOUP_DIR="$REPO_ROOT/node_modules/mediasoup"
STAND_INS_DIR="$SCRIPT_DIR/stand-ins"
SRTP_COMPAT_HEADER="$SCRIPT_DIR/srtp-compat/srtp.h"
SRTP_COMPAT_SELFTEST="$SCRIPT_DIR/srtp-compat/selftest.cpp"

REQUIRED_PKGS=(
	g++ pkg-config ninja-build python3 libssl-dev libuv1-dev libabsl-dev
	libflatbuffers-dev flatbuffers-compiler libsrtp2-dev
)
# mediasoup wrap name -> stand-in folder name (same names).
STAND_INS=(openssl libuv libsrtp3 unordered-dense abseil-cpp catch2 flatbuffers)
# The mediasoup release line these stand-ins and patches were written for.
EXPECTED_MEDIASOUP_LINE=3.27
MESON_MIN_VERSION=1.1.0
# mediasoup-worker exits with this status when MEDIASOUP_VERSION is unset.
HEALTHY_EXIT_STATUS=41
SYSTEM_PYTHON=/usr/bin/python3

log() { printf '[worker] %s\n' "$*" >&2; }
die() {
	printf '[worker] ERROR: %s\n' "$*" >&2
	exit 1
}

FORCE=0
for arg in "$@"; do
	case "$arg" in
	--force) FORCE=1 ;;
	-h | --help)
		sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
		exit 0
		;;
	*) die "unknown argument: $arg (see --help)" ;;
	esac
done

# $1 >= $2 for dotted versions.
version_ge() {
	[[ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" == "$2" ]]
}

# Runs a binary with an empty environment; a worker that loads its shared
# libraries and starts exits with status 41 (MEDIASOUP_VERSION missing).
health_check() {
	local bin=$1 rc=0
	[[ -f "$bin" && -x "$bin" ]] || return 1
	if command -v timeout >/dev/null 2>&1; then
		timeout 30 env -i "$bin" </dev/null >/dev/null 2>&1 || rc=$?
	else
		env -i "$bin" </dev/null >/dev/null 2>&1 || rc=$?
	fi
	[[ $rc -eq $HEALTHY_EXIT_STATUS ]]
}

# ---------------------------------------------------------------------------
# Version, arch, cache path; fast path
# ---------------------------------------------------------------------------

[[ -f "$MEDIASOUP_DIR/package.json" ]] ||
	die "node_modules/mediasoup is missing under $REPO_ROOT: run 'npm install' first"

read_mediasoup_version() {
	local pkg="$MEDIASOUP_DIR/package.json" v=""
	if command -v node >/dev/null 2>&1; then
		v=$(node -e 'process.stdout.write(String(require(process.argv[1]).version || ""))' "$pkg" 2>/dev/null || true)
	fi
	if [[ -z "$v" ]]; then
		v=$(sed -n 's/^[[:space:]]*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$pkg" | head -n 1)
	fi
	printf '%s' "$v"
}

MEDIASOUP_VERSION=$(read_mediasoup_version)
[[ "$MEDIASOUP_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-.+][0-9A-Za-z.+-]+)?$ ]] ||
	die "could not read a valid version from $MEDIASOUP_DIR/package.json (got '$MEDIASOUP_VERSION')"
ARCH=$(uname -m)
if [[ "$MEDIASOUP_VERSION" != "$EXPECTED_MEDIASOUP_LINE".* ]]; then
	log "warning: these stand-ins and patches were written for mediasoup $EXPECTED_MEDIASOUP_LINE.x; trying $MEDIASOUP_VERSION anyway"
fi

if [[ -z "${HOME:-}" ]]; then
	HOME=$(getent passwd "$(id -u)" 2>/dev/null | cut -d: -f6 || true)
	[[ -n "$HOME" ]] || HOME=/tmp
	export HOME
fi
CACHE_ROOT="${MEDIATION_ROOM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mediation-room}"
OUT_DIR="$CACHE_ROOT/mediasoup-worker-$MEDIASOUP_VERSION-$ARCH"
OUT_BIN="$OUT_DIR/mediasoup-worker"

if [[ $FORCE -eq 0 ]] && health_check "$OUT_BIN"; then
	log "cached mediasoup-worker $MEDIASOUP_VERSION ($ARCH) is healthy"
	printf '%s\n' "$OUT_BIN"
	exit 0
fi

START_SECONDS=$SECONDS
if [[ -e "$OUT_BIN" && $FORCE -eq 0 ]]; then
	log "cached binary $OUT_BIN fails the health check; rebuilding"
fi
log "building mediasoup-worker $MEDIASOUP_VERSION for $ARCH (cache: $OUT_DIR)"

mkdir -p "$CACHE_ROOT"

# One build at a time per cache (e.g. parallel 'npm test' runs).
if command -v flock >/dev/null 2>&1; then
	exec 9>"$CACHE_ROOT/.build.lock"
	if ! flock -n 9; then
		log "another build holds $CACHE_ROOT/.build.lock; waiting for it"
		flock 9
		if [[ $FORCE -eq 0 ]] && health_check "$OUT_BIN"; then
			log "the other build produced a healthy binary"
			printf '%s\n' "$OUT_BIN"
			exit 0
		fi
	fi
fi

# ---------------------------------------------------------------------------
# Temporary state and cleanup
# ---------------------------------------------------------------------------

BUILD_TMP=""
INSTALL_TMP=""
MESON_STAGE=""
APT_DOWNLOAD_TMP=""

cleanup() {
	local rc=$?
	[[ -n "$INSTALL_TMP" && -e "$INSTALL_TMP" ]] && rm -f -- "$INSTALL_TMP"
	[[ -n "$MESON_STAGE" && -e "$MESON_STAGE" ]] && rm -rf -- "$MESON_STAGE"
	[[ -n "$APT_DOWNLOAD_TMP" && -e "$APT_DOWNLOAD_TMP" ]] && rm -rf -- "$APT_DOWNLOAD_TMP"
	if [[ -n "$BUILD_TMP" && -d "$BUILD_TMP" ]]; then
		if [[ "${KEEP_WORKER_BUILD:-0}" == 1 ]]; then
			log "KEEP_WORKER_BUILD=1: build directory kept at $BUILD_TMP"
		else
			rm -rf -- "$BUILD_TMP"
		fi
	fi
	return $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

LOG_DIR=""
# run_step NAME CMD...: runs a command, quietly unless WORKER_BUILD_VERBOSE=1;
# on failure shows the end of its output and keeps the full log in the cache.
run_step() {
	local name=$1
	shift
	if [[ "${WORKER_BUILD_VERBOSE:-0}" == 1 || -z "$LOG_DIR" ]]; then
		"$@" >&2 || die "$name failed (exit $?)"
		return 0
	fi
	local logfile="$LOG_DIR/$name.log" rc=0
	"$@" >"$logfile" 2>&1 || rc=$?
	if [[ $rc -ne 0 ]]; then
		tail -n 60 "$logfile" >&2 || true
		cp -f "$logfile" "$CACHE_ROOT/last-build-failure.log" 2>/dev/null || true
		die "$name failed (exit $rc); full log: $CACHE_ROOT/last-build-failure.log"
	fi
}

# ---------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------

missing_packages() {
	local p status
	for p in "${REQUIRED_PKGS[@]}"; do
		status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		[[ "$status" == *" ok installed" ]] || printf '%s\n' "$p"
	done
}

apt_lists_empty() {
	local lists=/var/lib/apt/lists/
	eval "$(apt-config shell lists Dir::State::lists/d 2>/dev/null || true)"
	! compgen -G "${lists%/}/*_Packages*" >/dev/null
}

ensure_packages() {
	command -v dpkg-query >/dev/null 2>&1 ||
		die "dpkg-query not found: this build script supports Debian 12 (bookworm) and derivatives; it needs: ${REQUIRED_PKGS[*]}"

	local missing=()
	mapfile -t missing < <(missing_packages)
	if [[ ${#missing[@]} -eq 0 ]]; then
		log "Debian build packages present"
		return 0
	fi

	if [[ $(id -u) -ne 0 ]]; then
		log "missing Debian packages: ${missing[*]}"
		log "install them with:"
		log "  sudo apt-get install -y --no-install-recommends ${missing[*]}"
		log "then run this script again"
		exit 2
	fi

	log "installing Debian packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	local updated=0
	if apt_lists_empty; then
		log "apt lists are empty; running apt-get update"
		run_step apt-update apt-get update
		updated=1
	fi
	if ! apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
		[[ $updated -eq 0 ]] || die "apt-get install failed: ${missing[*]}"
		log "apt-get install failed; running apt-get update and retrying"
		run_step apt-update apt-get update
		apt-get install -y --no-install-recommends "${missing[@]}" >&2 ||
			die "apt-get install failed: ${missing[*]}"
	fi

	mapfile -t missing < <(missing_packages)
	[[ ${#missing[@]} -eq 0 ]] || die "still missing after apt-get install: ${missing[*]}"
}

# ---------------------------------------------------------------------------
# meson >= 1.1 (Debian trixie's Architecture: all package, private apt)
# ---------------------------------------------------------------------------

MESON_HOME="$CACHE_ROOT/meson-trixie"
MESON_LAUNCHER_REL=usr/lib/python3/dist-packages/meson-launcher.py
MESON_CMD=()

# The environment meson and ninja run in: Debian's python, no PYTHONPATH
# (meson's regenerate step re-runs meson without it, so the launcher sets up
# sys.path itself), /usr/bin first so pyenv shims are not picked up.
MESON_ENV=(env -u PYTHONPATH -u PYTHONHOME -u PYTHONSTARTUP -u PYTHONUSERBASE
	"PATH=/usr/bin:/bin:${PATH}")

meson_version_of() {
	"${MESON_ENV[@]}" "$@" --version 2>/dev/null | head -n 1 | tr -d '[:space:]'
}

# First http(s) URI of a non-security "deb" source of the system.
debian_mirror() {
	if [[ -n "${MEDIATION_ROOM_DEBIAN_MIRROR:-}" ]]; then
		printf '%s' "${MEDIATION_ROOM_DEBIAN_MIRROR%/}"
		return 0
	fi
	local uri=""
	if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
		uri=$(awk '
			BEGIN { RS = ""; FS = "\n" }
			{
				types = ""; uris = ""; suites = ""; enabled = "yes"
				for (i = 1; i <= NF; i++) {
					line = $i
					if (line ~ /^[[:space:]]*#/) continue
					k = index(line, ":"); if (k == 0) continue
					key = tolower(substr(line, 1, k - 1)); val = substr(line, k + 1)
					if (key == "types") types = val
					else if (key == "uris") uris = val
					else if (key == "suites") suites = val
					else if (key == "enabled") enabled = tolower(val)
				}
				if (enabled ~ /no/ || types !~ /(^|[[:space:]])deb([[:space:]]|$)/) next
				if (suites ~ /security/) next
				n = split(uris, u, /[[:space:]]+/)
				for (j = 1; j <= n; j++)
					if (u[j] ~ /^https?:\/\// && u[j] !~ /security/) { print u[j]; exit }
			}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
	fi
	if [[ -z "$uri" && -r /etc/apt/sources.list ]]; then
		uri=$(awk '
			$1 == "deb" {
				for (i = 2; i <= NF; i++) {
					if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; continue }
					if ($i ~ /^https?:\/\// && $i !~ /security/) { print $i; exit }
					break
				}
			}' /etc/apt/sources.list 2>/dev/null || true)
	fi
	uri=${uri:-http://deb.debian.org/debian}
	printf '%s' "${uri%/}"
}

# Keyring for trixie's Release file: debian-archive-keyring (bookworm's
# 2023.3+deb12u1 and later) ships the trixie keys, both in the combined
# keyring and as separate files.
trixie_keyring() {
	local combined=/usr/share/keyrings/debian-archive-keyring.gpg
	local rings=()
	[[ -r "$combined" ]] && rings+=("$combined")
	local f
	for f in /usr/share/keyrings/debian-archive-trixie-automatic.gpg \
		/usr/share/keyrings/debian-archive-trixie-stable.gpg; do
		[[ -r "$f" ]] && rings+=("$f")
	done
	if [[ ${#rings[@]} -eq 0 ]]; then
		die "no Debian archive keyring found in /usr/share/keyrings: install debian-archive-keyring"
	fi
	if [[ ! -r /usr/share/keyrings/debian-archive-trixie-automatic.gpg ]]; then
		log "warning: this debian-archive-keyring may not know the trixie keys; if apt reports NO_PUBKEY, upgrade it (apt-get install debian-archive-keyring from bookworm-updates)"
	fi
	local IFS=,
	printf '%s' "${rings[*]}"
}

fetch_trixie_meson() {
	local apt_root="$CACHE_ROOT/apt-trixie"
	local mirror keyring
	mirror=$(debian_mirror)
	keyring=$(trixie_keyring)
	log "fetching meson from Debian trixie ($mirror) with a private apt configuration"

	mkdir -p "$apt_root/etc/sources.list.d" "$apt_root/etc/preferences.d" \
		"$apt_root/state/lists/partial" "$apt_root/cache/archives/partial"
	: >"$apt_root/state/status"
	printf 'deb [signed-by=%s] %s trixie main\n' "$keyring" "$mirror" >"$apt_root/etc/sources.list"

	local apt_opts=(
		-o "Dir::Etc::SourceList=$apt_root/etc/sources.list"
		-o "Dir::Etc::SourceParts=$apt_root/etc/sources.list.d"
		-o "Dir::Etc::Preferences=$apt_root/etc/preferences"
		-o "Dir::Etc::PreferencesParts=$apt_root/etc/preferences.d"
		-o "Dir::State=$apt_root/state"
		-o "Dir::State::Lists=$apt_root/state/lists"
		-o "Dir::State::status=$apt_root/state/status"
		-o "Dir::State::extended_states=$apt_root/state/extended_states"
		-o "Dir::Cache=$apt_root/cache"
		-o "Dir::Cache::archives=$apt_root/cache/archives"
		-o "Dir::Cache::pkgcache=$apt_root/cache/pkgcache.bin"
		-o "Dir::Cache::srcpkgcache=$apt_root/cache/srcpkgcache.bin"
		-o "APT::Default-Release="
		-o "Acquire::Languages=none"
		-o "APT::Get::List-Cleanup=true"
	)
	# The private cache under $HOME is not readable by apt's _apt sandbox user;
	# downloads are still verified against the keyring.
	if [[ $(id -u) -eq 0 ]]; then
		apt_opts+=(-o "APT::Sandbox::User=root")
	fi

	run_step apt-trixie-update apt-get -q "${apt_opts[@]}" update

	APT_DOWNLOAD_TMP=$(mktemp -d "$CACHE_ROOT/.meson-download.XXXXXX")
	(cd "$APT_DOWNLOAD_TMP" && apt-get -q "${apt_opts[@]}" download meson) >&2 ||
		die "apt-get download meson (trixie) failed"
	local deb
	deb=$(find "$APT_DOWNLOAD_TMP" -maxdepth 1 -name 'meson_*_all.deb' | head -n 1)
	[[ -n "$deb" ]] || die "apt-get download meson produced no meson_*_all.deb"

	local deb_version
	deb_version=$(dpkg-deb -f "$deb" Version)
	log "unpacking meson $deb_version"
	MESON_STAGE=$(mktemp -d "$CACHE_ROOT/.meson-stage.XXXXXX")
	dpkg-deb -x "$deb" "$MESON_STAGE"
	[[ -d "$MESON_STAGE/usr/lib/python3/dist-packages/mesonbuild" ]] ||
		die "unexpected layout of the meson package: no usr/lib/python3/dist-packages/mesonbuild"

	# Launcher beside mesonbuild/: puts its own directory on sys.path, so meson
	# (and ninja's regenerate step, which re-runs this same file) works
	# without PYTHONPATH.
	cat >"$MESON_STAGE/$MESON_LAUNCHER_REL" <<'PY'
#!/usr/bin/python3
# Runs the meson unpacked beside this file (written by scripts/worker/build.sh).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))

from mesonbuild import mesonmain  # noqa: E402

if __name__ == '__main__':
    sys.exit(mesonmain.main())
PY
	chmod 0755 "$MESON_STAGE/$MESON_LAUNCHER_REL"

	local v
	v=$(meson_version_of "$SYSTEM_PYTHON" "$MESON_STAGE/$MESON_LAUNCHER_REL")
	[[ -n "$v" ]] && version_ge "$v" "$MESON_MIN_VERSION" ||
		die "unpacked meson does not run or is too old (got '$v', need >= $MESON_MIN_VERSION)"

	mkdir -p "$MESON_HOME"
	rm -rf -- "${MESON_HOME:?}/$deb_version"
	mv "$MESON_STAGE" "$MESON_HOME/$deb_version"
	MESON_STAGE=""
	ln -sfn "$deb_version" "$MESON_HOME/current"

	rm -rf -- "$APT_DOWNLOAD_TMP" "$apt_root/state/lists" "$apt_root/cache"
	APT_DOWNLOAD_TMP=""
	log "meson $v cached in $MESON_HOME/$deb_version"
}

ensure_meson() {
	[[ -x "$SYSTEM_PYTHON" ]] || die "$SYSTEM_PYTHON not found (Debian package python3)"
	local v

	# 1. A system meson that is new enough (e.g. on Debian 13).
	if [[ -x /usr/bin/meson ]]; then
		v=$(meson_version_of /usr/bin/meson)
		if [[ -n "$v" ]] && version_ge "$v" "$MESON_MIN_VERSION"; then
			MESON_CMD=(/usr/bin/meson)
			log "using system meson $v"
			return 0
		fi
	fi

	# 2. The cached trixie meson.
	local launcher="$MESON_HOME/current/$MESON_LAUNCHER_REL"
	if [[ -f "$launcher" ]]; then
		v=$(meson_version_of "$SYSTEM_PYTHON" "$launcher")
		if [[ -n "$v" ]] && version_ge "$v" "$MESON_MIN_VERSION"; then
			MESON_CMD=("$SYSTEM_PYTHON" "$(readlink -f "$launcher")")
			log "using cached meson $v"
			return 0
		fi
		log "cached meson at $launcher is unusable; fetching it again"
	fi

	# 3. Fetch it.
	fetch_trixie_meson
	launcher="$MESON_HOME/current/$MESON_LAUNCHER_REL"
	MESON_CMD=("$SYSTEM_PYTHON" "$(readlink -f "$launcher")")
}

# ---------------------------------------------------------------------------
# Sources: copy, DTLS BIO fix, stand-in subprojects
# ---------------------------------------------------------------------------

prepare_sources() {
	local src="$MEDIASOUP_DIR/worker" dst="$BUILD_TMP/worker"
	[[ -f "$src/meson.build" && -d "$src/src" ]] ||
		die "$src has no worker sources (meson.build, src/): reinstall mediasoup"

	log "copying worker sources"
	mkdir -p "$dst"
	# Never modify node_modules: work on a copy (without any previous build output).
	tar -C "$src" --exclude=./out --exclude=./subprojects/packagecache -cf - . | tar -C "$dst" -xf -
	chmod -R u+w "$dst"

	patch_dtls_bio_callback "$dst/src/RTC/DtlsTransport.cpp"
	place_stand_ins "$dst/subprojects"
}

# Debian's OpenSSL has kernel TLS enabled. mediasoup's BIO callback compares
# "operationType == BIO_CB_RETURN", but BIO_CB_RETURN is a flag that is OR-ed
# into the operation type; with the comparison the callback answers 1 to
# BIO_CTRL_GET_KTLS_SEND queries, OpenSSL believes kTLS is active, never
# allocates its write buffer and the worker crashes on the first DTLS
# ClientHello. Test the bit instead.
patch_dtls_bio_callback() {
	local file=$1
	local buggy='(operationType == BIO_CB_RETURN)'
	local fixed='((operationType & BIO_CB_RETURN) != 0)'
	[[ -f "$file" ]] || die "DTLS BIO fix: $file not found"

	local n_buggy n_fixed
	n_buggy=$(grep -cF -- "$buggy" "$file" || true)
	if [[ "$n_buggy" -eq 0 ]]; then
		if grep -qE 'operationType[[:space:]]*&[[:space:]]*BIO_CB_RETURN' "$file"; then
			log "DTLS BIO fix: sources already test BIO_CB_RETURN as a bit; nothing to patch"
			return 0
		fi
		die "DTLS BIO fix: expected '$buggy' in $file, not found; review the BIO callback of this mediasoup version by hand"
	fi
	[[ "$n_buggy" -eq 1 ]] ||
		die "DTLS BIO fix: expected exactly one '$buggy' in $file, found $n_buggy"

	sed -i 's/(operationType == BIO_CB_RETURN)/((operationType \& BIO_CB_RETURN) != 0)/' "$file"

	n_buggy=$(grep -cF -- "$buggy" "$file" || true)
	n_fixed=$(grep -cF -- "$fixed" "$file" || true)
	[[ "$n_buggy" -eq 0 && "$n_fixed" -eq 1 ]] ||
		die "DTLS BIO fix: patch did not apply cleanly to $file"
	log "DTLS BIO fix applied (operationType & BIO_CB_RETURN)"
}

# Reads "directory = X" from a .wrap file (meson's default: the wrap's name).
wrap_directory() {
	local wrap=$1 name dir
	name=$(basename "$wrap" .wrap)
	dir=$(sed -n 's/^[[:space:]]*directory[[:space:]]*=[[:space:]]*//p' "$wrap" | head -n 1 | tr -d '\r' | sed 's/[[:space:]]*$//')
	dir=${dir:-$name}
	[[ "$dir" != */* && "$dir" != .* && -n "$dir" ]] ||
		die "unexpected directory '$dir' in $wrap"
	printf '%s' "$dir"
}

place_stand_ins() {
	local subprojects=$1 name wrap dir
	[[ -f "$SRTP_COMPAT_HEADER" ]] || die "missing $SRTP_COMPAT_HEADER"
	for name in "${STAND_INS[@]}"; do
		wrap="$subprojects/$name.wrap"
		[[ -f "$wrap" ]] || die "mediasoup's worker has no subprojects/$name.wrap; this script expects mediasoup $EXPECTED_MEDIASOUP_LINE.x"
		[[ -f "$STAND_INS_DIR/$name/meson.build" ]] || die "missing stand-in $STAND_INS_DIR/$name/meson.build"
		dir=$(wrap_directory "$wrap")
		rm -rf -- "${subprojects:?}/$dir"
		cp -R "$STAND_INS_DIR/$name" "$subprojects/$dir"
		if [[ "$name" == libsrtp3 ]]; then
			mkdir -p "$subprojects/$dir/compat"
			cp "$SRTP_COMPAT_HEADER" "$subprojects/$dir/compat/srtp.h"
		fi
	done
	log "stand-in subprojects placed: ${STAND_INS[*]}"
}

# ---------------------------------------------------------------------------
# Build, strip, check, install
# ---------------------------------------------------------------------------

# Compiles and runs srtp-compat/selftest.cpp against the system libsrtp2 (a few
# seconds): SRTP round trips for the four crypto suites mediasoup negotiates
# and the fork's error codes, through the same calls SrtpSession.cpp makes.
check_srtp_compat() {
	[[ -f "$SRTP_COMPAT_SELFTEST" ]] || die "missing $SRTP_COMPAT_SELFTEST"
	local exe="$BUILD_TMP/srtp-compat-selftest" libs
	libs=$(pkg-config --libs libsrtp2) || die "pkg-config does not know libsrtp2 (Debian package libsrtp2-dev)"
	log "checking srtp-compat/srtp.h against the system libsrtp2"
	# shellcheck disable=SC2086 # $libs is a list of linker flags
	run_step srtp-compat-build c++ -std=c++20 -O1 -Wall -I "$SCRIPT_DIR/srtp-compat" \
		"$SRTP_COMPAT_SELFTEST" $libs -o "$exe"
	run_step srtp-compat-selftest "$exe"
}

build_worker() {
	local jobs="${MEDIATION_ROOM_WORKER_JOBS:-$(nproc 2>/dev/null || echo 2)}"
	local builddir="$BUILD_TMP/build"

	log "meson setup"
	run_step meson-setup "${MESON_ENV[@]}" "${MESON_CMD[@]}" setup "$builddir" "$BUILD_TMP/worker" \
		--wrap-mode=nodownload --buildtype=release -Db_ndebug=true

	# "meson compile" resolves target names to ninja's paths (fbs/FBS, ...)
	# and runs ninja. The generated FBS/*.h must exist before the worker's
	# sources compile.
	log "generating FlatBuffers headers (target flatbuffers-generator)"
	run_step ninja-flatbuffers "${MESON_ENV[@]}" "${MESON_CMD[@]}" compile -C "$builddir" -j "$jobs" flatbuffers-generator

	log "compiling mediasoup-worker with $jobs jobs (a few minutes)"
	run_step ninja-worker "${MESON_ENV[@]}" "${MESON_CMD[@]}" compile -C "$builddir" -j "$jobs" mediasoup-worker

	[[ -f "$builddir/mediasoup-worker" ]] || die "ninja finished but $builddir/mediasoup-worker is missing"
	strip -o "$BUILD_TMP/mediasoup-worker" "$builddir/mediasoup-worker"
	chmod 0755 "$BUILD_TMP/mediasoup-worker"
}

install_worker() {
	local built="$BUILD_TMP/mediasoup-worker"
	health_check "$built" ||
		die "built binary failed the health check (env -i $built should exit $HEALTHY_EXIT_STATUS); see 'ldd $built'"

	mkdir -p "$OUT_DIR"
	INSTALL_TMP=$(mktemp "$OUT_DIR/.mediasoup-worker.XXXXXX")
	cp "$built" "$INSTALL_TMP"
	chmod 0755 "$INSTALL_TMP"
	health_check "$INSTALL_TMP" || die "copied binary failed the health check"
	mv -f "$INSTALL_TMP" "$OUT_BIN"
	INSTALL_TMP=""

	{
		printf 'mediasoup %s (%s)\n' "$MEDIASOUP_VERSION" "$ARCH"
		printf 'built %s by scripts/worker/build.sh\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
		printf 'meson %s\n' "$(meson_version_of "${MESON_CMD[@]}")"
		printf 'patches: DTLS BIO callback tests BIO_CB_RETURN as a bit; libsrtp2 via srtp-compat/srtp.h;\n'
		printf '         unordered_dense via stand-ins/unordered-dense (standard library containers)\n'
		printf 'shared libraries:\n'
		ldd "$OUT_BIN" 2>/dev/null | sed 's/^/  /' || true
	} >"$OUT_DIR/BUILD-INFO.txt.tmp" && mv -f "$OUT_DIR/BUILD-INFO.txt.tmp" "$OUT_DIR/BUILD-INFO.txt"
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

ensure_packages
ensure_meson

BUILD_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")
LOG_DIR="$BUILD_TMP/logs"
mkdir -p "$LOG_DIR"

check_srtp_compat
prepare_sources
build_worker
install_worker

rm -f -- "$CACHE_ROOT/last-build-failure.log"
log "mediasoup-worker $MEDIASOUP_VERSION built in $((SECONDS - START_SECONDS)) s: $OUT_BIN"
printf '%s\n' "$OUT_BIN"
