// The front end's one build: every esbuild run the site needs, with the
// pinned esbuild from package.json, into one folder the book build copies.
//
//   npm run build                 (= node frontend/build.mjs; into _build/frontend/)
//   node frontend/build.mjs --out DIR
//
// The Sphinx extension runs this script (companion_tools/sphinx/frontend.py)
// and serves DIR/static/ as part of _static/; DIR/manifest.json names what
// was made. Nothing built is committed. What it makes, under
// static/learning-regions/:
//
// * plotly-<version>-<digest>.min.js: plotly.js/lib/core and the trace
//   modules of frontend/plotly-traces.json (4.8 MB -> about 1.5 MB);
// * inpage-widgets-<digest>.js/.css: the Jupyter widgets HTML manager and
//   the page's comm bridge (src/widgets/), loaded when a widget goes live;
// * inpage.js (the page controller, src/inpage/) and inpage-worker.js (the
//   worker that runs Python, src/worker.js, an ES module);
// * charts.js, print.js, solution-free-snippets.js, site-fixes.js/.css, book.css (src/site/,
//   src/inpage/inpage.css), print.css and favicon.svg.
//
// A second run with the same inputs (this script, src/, the protocol, the
// trace list, package-lock.json) does nothing; plotly.js, the slow part, is
// made again only when its own inputs change.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
const SRC = join(HERE, "src");
const PROTOCOL = join(ROOT, "learning_regions", "inpage", "protocol.json");
const TRACES = join(HERE, "plotly-traces.json");
const LOCK = join(ROOT, "package-lock.json");
const SUBDIR = "learning-regions";

// What every bundle shares: minified, legal comments at the end, quiet unless wrong.
const COMMON = { bundle: true, minify: true, legalComments: "eof", logLevel: "warning", absWorkingDir: ROOT };
// Some of plotly.js's and the widget packages' dependencies expect Node's `global`.
const BROWSER = { ...COMMON, format: "iife", define: { global: "window" } };

const PLOTLY = {
  ...BROWSER,
  globalName: "Plotly",
  // plotly.js requires maplibre's CSS for tile maps, which the book does not use.
  loader: { ".css": "empty" },
};

const WIDGETS = {
  ...BROWSER,
  // The widgets' icons are small SVGs inlined in the CSS; Font Awesome's
  // fonts are not shipped (ipywidgets' own controls use none of them).
  loader: { ".svg": "dataurl", ".woff": "empty", ".woff2": "empty", ".ttf": "empty", ".eot": "empty" },
};

/** @param {string[]} args */
function outDir(args) {
  const at = args.indexOf("--out");
  return resolve(at >= 0 && args[at + 1] ? args[at + 1] : join(ROOT, "_build", "frontend"));
}

/** @param {string} folder @returns {string[]} */
function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  }).sort();
}

/** sha256 over files' names (relative to the repository) and contents, or over text. */
function digest(paths, extra = "") {
  const hash = createHash("sha256");
  for (const path of paths) {
    hash.update(relative(ROOT, path));
    hash.update(readFileSync(path));
  }
  hash.update(extra);
  return hash.digest("hex");
}

function contentDigest(path) {
  return createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 10);
}

// html-manager falls back to ipywidgets 7's packages for old widgets: the
// companion's are ipywidgets 8, so those copies are replaced by empty stubs.
const noIpywidgets7 = {
  name: "no-ipywidgets-7",
  setup(build) {
    build.onResolve({ filter: /^@jupyter-widgets\/(base7|controls7)(\/.*)?$/ }, (args) => ({ path: args.path, namespace: "stub" }));
    build.onLoad({ filter: /.*/, namespace: "stub" }, (args) =>
      args.path.endsWith(".css") ? { contents: "", loader: "css" } : { contents: "module.exports = {};", loader: "js" });
  },
};

// The protocol's prose ("about", "doc") is for people and the docs page: the
// bundles carry the names, fields and limits only.
const protocolWithoutProse = {
  name: "protocol-without-prose",
  setup(build) {
    build.onLoad({ filter: /protocol\.json$/ }, (args) => {
      const strip = (value) => Array.isArray(value) ? value.map(strip)
        : value && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== "doc" && k !== "about").map(([k, v]) => [k, strip(v)]))
          : value;
      return { contents: JSON.stringify(strip(JSON.parse(readFileSync(args.path, "utf8")))), loader: "json" };
    });
  },
};

/** The entry that registers each trace module (scatter is part of plotly.js/lib/core). */
export function plotlyEntry(traces) {
  const modules = traces.filter((t) => t !== "scatter").map((t) => `  require("plotly.js/lib/${t}"),`).join("\n");
  return "// Made by frontend/build.mjs: the plotly.js modules the book uses (frontend/plotly-traces.json).\n" +
    'var Plotly = require("plotly.js/lib/core");\n' + `Plotly.register([\n${modules}\n]);\nmodule.exports = Plotly;\n`;
}

/** plotly.js, made again only when the trace list or the locked packages change. */
async function buildPlotly(cache, target) {
  const traces = JSON.parse(readFileSync(TRACES, "utf8")).traces;
  const version = JSON.parse(readFileSync(join(ROOT, "node_modules", "plotly.js", "package.json"), "utf8")).version;
  const entry = plotlyEntry(traces);
  const key = digest([LOCK], entry + JSON.stringify(PLOTLY)).slice(0, 16);
  const cached = join(cache, `plotly-${key}.min.js`);
  if (!existsSync(cached)) {
    mkdirSync(cache, { recursive: true });
    // The entry goes in on stdin, resolved from the repository, so that
    // require("plotly.js/...") finds its node_modules wherever the build goes.
    await esbuild.build({ ...PLOTLY, stdin: { contents: entry, resolveDir: ROOT, sourcefile: "plotly-entry.js" }, outfile: cached + ".part" });
    renameSync(cached + ".part", cached);
  }
  const name = `plotly-${version}-${contentDigest(cached)}.min.js`;
  copyFileSync(cached, join(target, name));
  return { name, version, traces };
}

/** The widgets bundle, named by its content's digest. */
async function buildWidgets(work, target) {
  const js = join(work, "inpage-widgets.js");
  await esbuild.build({ ...WIDGETS, entryPoints: [join(SRC, "widgets", "index.js")], outfile: js,
    plugins: [noIpywidgets7, protocolWithoutProse] });
  const names = {};
  for (const kind of ["js", "css"]) {
    const made = join(work, `inpage-widgets.${kind}`);
    names[kind] = `inpage-widgets-${contentDigest(made)}.${kind}`;
    renameSync(made, join(target, names[kind]));
  }
  return names;
}

async function main() {
  const out = outDir(process.argv.slice(2));
  const inputs = [fileURLToPath(import.meta.url), ...filesUnder(SRC), PROTOCOL, TRACES, LOCK];
  const key = digest(inputs).slice(0, 16);
  const manifestFile = join(out, "manifest.json");
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    const target = join(out, manifest.static, manifest.subdir);
    if (manifest.key === key && Object.values(manifest.files).every((name) => existsSync(join(target, name)))) {
      console.log(`front end up to date in ${relative(process.cwd(), out) || "."}`);
      return;
    }
  }
  const started = performance.now();
  const target = join(out, "static", SUBDIR);
  const work = join(out, "work");
  for (const folder of [join(out, "static"), work]) rmSync(folder, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  mkdirSync(work, { recursive: true });

  const plotly = await buildPlotly(join(out, "cache"), target);
  const widgets = await buildWidgets(work, target);
  const scripts = {
    inpage: [join(SRC, "inpage", "index.js"), "inpage.js", BROWSER],
    worker: [join(SRC, "worker.js"), "inpage-worker.js", { ...COMMON, format: "esm" }],
    charts: [join(SRC, "site", "charts.js"), "charts.js", BROWSER],
    print: [join(SRC, "site", "print.js"), "print.js", BROWSER],
    snippets: [join(SRC, "site", "solution-free-snippets.js"), "solution-free-snippets.js", BROWSER],
    site_fixes: [join(SRC, "site", "site-fixes.js"), "site-fixes.js", BROWSER],
    site_fixes_css: [join(SRC, "site", "site-fixes.css"), "site-fixes.css", COMMON],
    book_css: [join(SRC, "site", "book.css"), "book.css", COMMON],
    print_css: [join(SRC, "site", "print.css"), "print.css", COMMON],
  };
  await Promise.all(Object.values(scripts).map(([entry, name, options]) =>
    esbuild.build({ ...options, entryPoints: [entry], outfile: join(target, name), plugins: [protocolWithoutProse] })));
  copyFileSync(join(SRC, "site", "favicon.svg"), join(target, "favicon.svg"));
  rmSync(work, { recursive: true, force: true });

  const files = {
    plotly: plotly.name, widgets_js: widgets.js, widgets_css: widgets.css, favicon: "favicon.svg",
    ...Object.fromEntries(Object.entries(scripts).map(([what, [, name]]) => [what, name])),
  };
  const digests = Object.fromEntries(Object.values(files).map((name) => [name, contentDigest(join(target, name))]));
  const manifest = { key, static: "static", subdir: SUBDIR, files, digests, plotly_version: plotly.version, traces: plotly.traces };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
  console.log(`front end built into ${relative(process.cwd(), out) || "."} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error && error.message ? error.message : error);
    process.exit(1);
  });
}
