#!/usr/bin/env bash
# Rebuild the vendored front-end assets in src/mockloop/web/static/vendor/ from the
# npm registry, using the exact versions pinned in scripts/vendor/package-lock.json.
#
#   scripts/build-vendor.sh                 rebuild htmx.min.js, codemirror.js, VERSIONS.json
#   scripts/build-vendor.sh --update-lock   first re-resolve package-lock.json from
#                                           scripts/vendor/package.json (after a version bump)
#
# Needs node (>= 18) and npm. node_modules lives in a temp dir only, never in the repo.
# The output depends only on the lockfile and the entry file: running it twice gives
# byte-identical files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/scripts/vendor"
DEST="$ROOT/src/mockloop/web/static/vendor"

update_lock=0
for arg in "$@"; do
  case "$arg" in
    --update-lock) update_lock=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "build-vendor: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

command -v node >/dev/null || { echo "build-vendor: node not found" >&2; exit 1; }
command -v npm >/dev/null || { echo "build-vendor: npm not found" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mockloop-vendor.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

cp "$SRC/package.json" "$SRC/codemirror-entry.js" "$WORK/"
npm_flags=(--ignore-scripts --no-audit --no-fund --loglevel=error)

if [ "$update_lock" = 1 ]; then
  # No "resolved" URLs in the lockfile: packages come from whatever registry npm is set to,
  # checked against the recorded integrity hashes.
  (cd "$WORK" && npm install --package-lock-only --omit-lockfile-registry-resolved "${npm_flags[@]}" >/dev/null)
  cp "$WORK/package-lock.json" "$SRC/package-lock.json"
  echo "build-vendor: wrote scripts/vendor/package-lock.json"
else
  cp "$SRC/package-lock.json" "$WORK/"
fi

# Install exactly what the lockfile says (fails if package.json and the lockfile disagree).
# Install scripts are skipped: esbuild runs from its @esbuild/<platform> package without them.
(cd "$WORK" && npm ci "${npm_flags[@]}" >/dev/null)

mkdir -p "$WORK/out"
(cd "$WORK" && node --input-type=module - <<'NODE'
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import fs from "node:fs";

const require = createRequire(process.cwd() + "/");
const esbuild = require("esbuild");
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));

function lockVersion(name) {
  const entry = lock.packages["node_modules/" + name];
  if (!entry) throw new Error(`${name} is not in package-lock.json`);
  return entry.version;
}
function sortedObject(obj) {
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
}
function fileInfo(path) {
  const buf = fs.readFileSync(path);
  return { bytes: buf.length, sha256: createHash("sha256").update(buf).digest("hex") };
}

// ---- htmx: the package's own minified dist file, as published ----
fs.copyFileSync("node_modules/htmx.org/dist/htmx.min.js", "out/htmx.min.js");

// ---- CodeMirror: one minified IIFE exposing window.CM ----
const esbuildOptions = {
  entryPoints: ["codemirror-entry.js"],
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "CM",
  platform: "browser",
  target: "es2020",
  charset: "ascii",
  legalComments: "none", // licences are put in the banner below instead
  sourcemap: false,
  write: false,
  metafile: true,
  logLevel: "warning",
};
const result = await esbuild.build(esbuildOptions);
const code = result.outputFiles[0].text;

// Which packages ended up in the bundle, and only one copy of each.
const pkgDirs = new Map(); // name -> set of install dirs
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//);
  if (!m) continue;
  if (!pkgDirs.has(m[2])) pkgDirs.set(m[2], new Set());
  pkgDirs.get(m[2]).add(m[1]);
}
for (const [name, dirs] of pkgDirs) {
  if (dirs.size > 1) throw new Error(`${name} is bundled twice: ${[...dirs].join(", ")}`);
}
const cmPackages = sortedObject(
  Object.fromEntries([...pkgDirs.keys()].map((name) => [name, lockVersion(name)])),
);

// Nothing in the bundle may reach the network at run time.
const forbidden = [
  /\bfetch\s*\(/, /XMLHttpRequest/, /WebSocket/, /EventSource/, /sendBeacon/,
  /importScripts/, /\bimport\s*\(/, /new\s+(Shared)?Worker\b/,
  /createElement\(\s*["'`](script|link|iframe|object|embed)/, /@import/,
  // (CodeMirror does create <img class="cm-widgetBuffer"> elements, but never gives them a src)
  /\.src\s*=[^=]/, /setAttribute\(\s*["'`](src|href|srcset)/, /\.(href|srcset)\s*=[^=]/,
];
for (const re of forbidden) {
  if (re.test(code)) throw new Error(`codemirror.js matches ${re}: possible network access`);
}
for (const url of code.match(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)<>]*/gi) || []) {
  if (!/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink|1999\/xhtml)$/.test(url)) {
    throw new Error(`codemirror.js contains a URL: ${url}`);
  }
}
for (const m of code.matchAll(/url\(\s*(.{0,12})/g)) {
  if (!/^["'`]?data:/.test(m[1])) throw new Error(`codemirror.js has a non-data url(): ${m[0]}`);
}

// Licence banner: each distinct LICENSE text once, with the packages it covers.
const byText = new Map();
for (const [name, version] of Object.entries(cmPackages)) {
  const dir = [...pkgDirs.get(name)][0];
  const file = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (!file) throw new Error(`${name} has no LICENSE file`);
  const text = fs.readFileSync(`${dir}/${file}`, "utf8").trim().replace(/\*\//g, "* /");
  if (!byText.has(text)) byText.set(text, []);
  byText.get(text).push(`${name}@${version}`);
}
let banner = "/*!\n * CodeMirror 6 bundle for mockloop (window.CM), built by scripts/build-vendor.sh\n" +
  ` * with esbuild ${esbuild.version} from scripts/vendor/codemirror-entry.js.\n` +
  " * Versions: VERSIONS.json. Licences of the bundled packages follow.\n";
for (const [text, names] of byText) {
  banner += " *\n * ---- " + names.join(", ") + " ----\n *\n";
  banner += text.split("\n").map((l) => (" * " + l).trimEnd()).join("\n") + "\n";
}
banner += " */\n";
fs.writeFileSync("out/codemirror.js", banner + code);

// ---- VERSIONS.json ----
const htmxVersion = lockVersion("htmx.org");
const htmxText = fs.readFileSync("out/htmx.min.js", "utf8");
if (!htmxText.includes(`version:"${htmxVersion}"`)) {
  throw new Error(`htmx.min.js does not report version ${htmxVersion}`);
}
const { write, metafile, logLevel, entryPoints, ...shownOptions } = esbuildOptions;
const versions = {
  comment: "Written by scripts/build-vendor.sh; do not edit. Versions are read from scripts/vendor/package-lock.json.",
  esbuild: esbuild.version,
  packages: sortedObject({ "htmx.org": htmxVersion, ...cmPackages }),
  files: {
    "codemirror.js": {
      entry: "scripts/vendor/codemirror-entry.js",
      esbuild_options: shownOptions,
      packages: cmPackages,
      ...fileInfo("out/codemirror.js"),
    },
    "htmx.min.js": {
      source: "htmx.org/dist/htmx.min.js",
      packages: { "htmx.org": htmxVersion },
      ...fileInfo("out/htmx.min.js"),
    },
  },
};
if (versions.esbuild !== lockVersion("esbuild")) throw new Error("esbuild version mismatch");
fs.writeFileSync("out/VERSIONS.json", JSON.stringify(versions, null, 2) + "\n");
NODE
)

mkdir -p "$DEST"
for f in htmx.min.js codemirror.js VERSIONS.json; do
  cp "$WORK/out/$f" "$DEST/$f.tmp"
  mv "$DEST/$f.tmp" "$DEST/$f"
done

echo "build-vendor: wrote $(cd "$ROOT" && printf '%s ' src/mockloop/web/static/vendor/{htmx.min.js,codemirror.js,VERSIONS.json})"
(cd "$DEST" && wc -c htmx.min.js codemirror.js VERSIONS.json)
