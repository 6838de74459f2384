#!/usr/bin/env bash
# Builds the Debian package of motcua with dpkg-deb (called by `make deb`).
#   scripts/build-deb.sh BINARY MANUAL_DIR OUTPUT_DIR
# Depends: is read off the binary itself: each shared library ldd resolves is mapped to the
# Debian package that owns it (dpkg -S). A library no package owns (the Swift toolchain's, for
# example) stops the build, so the package never depends on Swift.
set -euo pipefail
binary=$1 manuals=$2 out=$3
here=$(cd "$(dirname "$0")/.." && pwd)
version="0.1.0+git$(git -C "$here" rev-list --count HEAD 2>/dev/null || echo 0).$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
arch=$(dpkg --print-architecture)
stage="$out/motcua_${version}_${arch}"
rm -rf "$stage" && mkdir -p "$stage/DEBIAN"

"$here/scripts/install.sh" "$binary" "$manuals" "$stage" /usr >/dev/null
install -D -m 0644 "$here/packaging/province.yaml" "$stage/etc/motcua/province.yaml"
install -D -m 0644 "$here/packaging/motcua.service" "$stage/lib/systemd/system/motcua.service"
install -D -m 0644 "$here/packaging/motcua.timer" "$stage/lib/systemd/system/motcua.timer"
install -D -m 0644 "$here/docs/run-summary.schema.json" "$stage/usr/share/doc/motcua/run-summary.schema.json"
install -D -m 0644 "$here/docs/operations.md" "$stage/usr/share/doc/motcua/operations.md"

depends=()
while read -r library; do
  owner=$(dpkg -S "$(readlink -f "$library")" 2>/dev/null | head -1 | cut -d: -f1) \
    || owner=$(dpkg -S "$library" 2>/dev/null | head -1 | cut -d: -f1) || true
  if [ -z "$owner" ]; then
    echo "build-deb: $library is not from a Debian package; the binary must not need it" >&2
    exit 1
  fi
  depends+=("$owner")
done < <(ldd "$stage/usr/bin/motcua" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
depends_line=$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, | sed 's/,/, /g')

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends_line/" -e "s/@SIZE@/$size/" \
  "$here/packaging/control.in" >"$stage/DEBIAN/control"
install -m 0644 "$here/packaging/conffiles" "$stage/DEBIAN/conffiles"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$out/motcua_${version}_${arch}.deb" >/dev/null
ln -sf "motcua_${version}_${arch}.deb" "$out/motcua.deb"
echo "$out/motcua_${version}_${arch}.deb (Depends: $depends_line)"
