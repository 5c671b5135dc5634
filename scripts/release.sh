#!/usr/bin/env bash
# Builds lmi's release archives into dist/: one per target, with DuckDB
# linked in, stamped with the version and revision, and SHA256SUMS.
# Run by hand from a clean checkout (docs/release.md):
#
#     scripts/release.sh                 # linux/amd64 and linux/arm64
#     VERSION=v1.2.0 scripts/release.sh  # another version than git describe's
#     TARGETS="linux/amd64" scripts/release.sh
#
# Needs Go, gcc, and for linux/arm64 Debian's gcc-aarch64-linux-gnu (and
# qemu-user to check the binary). windows/amd64 is not built by default:
# DuckDB's prebuilt Windows library does not link with Debian's mingw-w64
# (docs/release.md says how it fails); TARGETS=windows/amd64 tries anyway.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=${TARGETS:-"linux/amd64 linux/arm64"}
if [ -n "$(git status --porcelain --untracked-files=no)" ] && [ "${ALLOW_DIRTY:-}" != 1 ]; then
  echo "release: the checkout has uncommitted changes; commit them, or ALLOW_DIRTY=1 to stamp the revision as modified" >&2
  exit 1
fi
version=${VERSION:-$(git describe --tags --always --dirty)}
revision=$(git rev-parse HEAD)
[ -z "$(git status --porcelain --untracked-files=no)" ] || revision="$revision (modified)"

cc_for() {
  case "$1" in
    linux/amd64) echo "${CC_LINUX_AMD64:-gcc}" ;;
    linux/arm64) echo "${CC_LINUX_ARM64:-aarch64-linux-gnu-gcc}" ;;
    windows/amd64) echo "${CC_WINDOWS_AMD64:-x86_64-w64-mingw32-gcc-posix}" ;;
    *) echo "release: unknown target $1 (want linux/amd64, linux/arm64 or windows/amd64)" >&2; return 1 ;;
  esac
}

mkdir -p dist
for target in $targets; do
  os=${target%/*} arch=${target#*/}
  cc=$(cc_for "$target")
  if ! command -v "$cc" >/dev/null; then
    echo "release: $target needs the C cross compiler $cc (Debian: apt-get install gcc-aarch64-linux-gnu, or mingw-w64)" >&2
    exit 1
  fi
  name="lmi-$version-$os-$arch"
  stage="dist/$name"
  rm -rf "$stage"
  mkdir -p "$stage"
  exe=lmi
  [ "$os" = windows ] && exe=lmi.exe
  echo "release: building $target with $cc" >&2
  CGO_ENABLED=1 GOOS=$os GOARCH=$arch CC=$cc \
    go build -tags duckdb_arrow -trimpath -buildvcs=false \
      -ldflags "-s -w -X 'lmi/internal/buildinfo.Version=$version' -X 'lmi/internal/buildinfo.Revision=$revision'" \
      -o "$stage/$exe" ./cmd/lmi
  git archive HEAD README.md docs | tar -x -C "$stage"
  if [ "$os" = windows ]; then
    archive="$name.zip"
    (cd dist && rm -f "$archive" && zip -qr "$archive" "$name")
  else
    archive="$name.tar.gz"
    tar -C dist -czf "dist/$archive" "$name"
  fi
  rm -rf "$stage"
  echo "release: wrote dist/$archive" >&2
done
# Every archive of this version in dist/, also those of an earlier run
# with other TARGETS.
(cd dist && sha256sum $(ls "lmi-$version"-*.tar.gz "lmi-$version"-*.zip 2>/dev/null) > "SHA256SUMS-$version")
cat "dist/SHA256SUMS-$version"
