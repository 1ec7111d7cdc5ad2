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

# Leaflet draws the registry's maps (static/js/map.js). The source map is copied too: collectstatic's
# manifest storage follows the sourceMappingURL comment in leaflet.js and fails when the file is missing.
version=$(node -p "require('./node_modules/leaflet/package.json').version")
dest=static/vendor/leaflet
rm -rf "$dest"
mkdir -p "$dest/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css "$dest/"
cp node_modules/leaflet/dist/images/*.png "$dest/images/"
cp node_modules/leaflet/LICENSE "$dest/LICENSE"
cat > "$dest/README.txt" <<NOTE
Leaflet ${version} (https://leafletjs.com), copyright Volodymyr Agafonkin and CloudMade.
Licensed under the BSD 2-Clause License; the full text is in LICENSE next to this file.

leaflet.js, leaflet.js.map, leaflet.css and images/ are unmodified copies of node_modules/leaflet/dist/
made by scripts/vendor.sh (version pinned in package.json). The service search's map view loads them
(templates/services/service_list.html, static/js/map.js).
NOTE
echo "Vendored Leaflet ${version} into ${dest}/"
