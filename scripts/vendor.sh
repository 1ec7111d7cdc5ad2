#!/bin/sh
# Copies the front-end files the portal serves itself from node_modules into static/vendor/.
# The copies are committed, so neither the server nor CI needs Node; run this after changing package.json:
#   sh scripts/vendor.sh
set -eu

cd "$(dirname "$0")/.."

if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund
else
    npm install --no-audit --no-fund
fi

version=$(node -p "require('./node_modules/axe-core/package.json').version")
dest=static/vendor/axe-core
mkdir -p "$dest"
cp node_modules/axe-core/axe.min.js "$dest/axe.min.js"
cp node_modules/axe-core/LICENSE "$dest/LICENSE"
cat > "$dest/README.txt" <<NOTE
axe-core ${version} (https://github.com/dequelabs/axe-core), copyright Deque Systems, Inc.
Licensed under the Mozilla Public License 2.0; the full text is in LICENSE next to this file.

axe.min.js is an unmodified copy of node_modules/axe-core/axe.min.js made by scripts/vendor.sh
(version pinned in package.json). Only the browser tests (tests/test_browser.py) load it; no page
of the portal references it.
NOTE
echo "Vendored axe-core ${version} into ${dest}/"
