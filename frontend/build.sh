#!/usr/bin/env bash
# Rebuild the committed front-end assets in webapp/static/vendor from the pinned npm packages.
# Needs Node.js and npm (the npm registry); running the app does not.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../webapp/static/vendor"
cd "$here"
npm install --no-audit --no-fund --ignore-scripts >/dev/null
govuk=$(node -p 'require("govuk-frontend/package.json").version')
leaflet=$(node -p 'require("leaflet/package.json").version')
rm -rf "$out" && mkdir -p "$out/govuk-frontend" "$out/leaflet"
npx sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps \
  safer-voices.scss "$out/govuk-frontend/govuk-frontend.min.css"
# GOV.UK Frontend has no right-to-left styles: mirror its stylesheet for Urdu (webapp/templates/base.html).
npx rtlcss "$out/govuk-frontend/govuk-frontend.min.css" "$out/govuk-frontend/govuk-frontend.rtl.min.css" >/dev/null
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/govuk-frontend/"
cp LICENSE-govuk-frontend.txt "$out/govuk-frontend/LICENSE.txt"
echo "$govuk" > "$out/govuk-frontend/VERSION"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp -r node_modules/leaflet/dist/images "$out/leaflet/images"
cp node_modules/leaflet/LICENSE "$out/leaflet/LICENSE.txt"
echo "$leaflet" > "$out/leaflet/VERSION"
echo "built govuk-frontend $govuk and leaflet $leaflet into $out"
