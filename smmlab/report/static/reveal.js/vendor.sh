#!/bin/sh
# Vendor reveal.js into this folder: the files smmlab's slides inline, so that they open offline.
#
#   sh smmlab/report/static/reveal.js/vendor.sh [VERSION]     (default: the version in VERSION)
#
# Takes the `reveal.js` package from the npm registry with `npm pack` (npm checks its
# integrity), keeps only what the slides use, and records the version and the package's
# SHA-256. The slides' template and smmlab/report/_reveal.py read these files; after a new
# major version, run tests/test_slides_offline.py (it opens the slides in headless Chromium).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
VERSION=${1:-$(sed -n 's/^version: //p' "$HERE/VERSION")}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "reveal.js@$VERSION" >/dev/null && tar xzf "reveal.js-$VERSION.tgz")
PKG="$TMP/package"
mkdir -p "$HERE/theme" "$HERE/plugin"
cp "$PKG/LICENSE" "$PKG/dist/reveal.js" "$PKG/dist/reveal.css" "$HERE/"
cp "$PKG/dist/theme/simple.css" "$HERE/theme/simple.css"   # nbconvert's default theme
cp "$PKG/dist/plugin/notes.js" "$HERE/plugin/notes.js"     # speaker notes (press S)
SHA=$(sha256sum "$TMP/reveal.js-$VERSION.tgz" | cut -d' ' -f1)
printf 'version: %s\npackage: reveal.js-%s.tgz (npm pack reveal.js@%s)\nsha256: %s\n' \
    "$VERSION" "$VERSION" "$VERSION" "$SHA" >"$HERE/VERSION"
echo "reveal.js $VERSION vendored in $HERE"
