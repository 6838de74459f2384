#!/usr/bin/env bash
# Installs the motcua binary, its man pages and shell completions under DESTDIR/PREFIX.
# Called by `make install` and `make deb` (so the package holds exactly what `make install`
# puts on a server). The binary is the --static-swift-stdlib build: it needs no Swift toolchain.
#   scripts/install.sh BINARY MANUAL_DIR DESTDIR PREFIX
# BINARY       the built motcua (stripped on its way in)
# MANUAL_DIR   the man pages swift-argument-parser's generate-manual wrote (motcua.1, motcua.run.1 …)
set -euo pipefail
binary=$1 manuals=$2 destdir=$3 prefix=$4
root="$destdir$prefix"

install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/vendor-completions" "$root/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$root/bin/motcua"
strip --strip-unneeded "$root/bin/motcua"

for page in "$manuals"/*.1; do
  gzip -9n <"$page" >"$root/share/man/man1/$(basename "$page").gz"
  chmod 0644 "$root/share/man/man1/$(basename "$page").gz"
done

# Completions from the same declaration of every option (swift-argument-parser).
"$binary" --generate-completion-script bash >"$root/share/bash-completion/completions/motcua"
"$binary" --generate-completion-script zsh >"$root/share/zsh/vendor-completions/_motcua"
"$binary" --generate-completion-script fish >"$root/share/fish/vendor_completions.d/motcua.fish"
chmod 0644 "$root/share/bash-completion/completions/motcua" "$root/share/zsh/vendor-completions/_motcua" \
  "$root/share/fish/vendor_completions.d/motcua.fish"
echo "installed $root/bin/motcua, $(ls "$manuals"/*.1 | wc -l) man pages and bash, zsh, fish completions"
