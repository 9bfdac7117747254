// Build time, under Node: start Pyodide (the site's own copy) and run
// trace.py (beside this file) in it, which traces what the book
// page's widgets import and writes pre-compiled copies of the standard library
// and the wheels. Called by runtime.precompile_runtime:
//   node precompile.mjs REQUEST.json   (prints a JSON report on its last line)
// Paths in the request are host paths; Node's file system is mounted at /host.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));

// Whatever goes wrong is said on the last line as JSON ({"error": ...}): an
// uncaught error would print a line of minified Pyodide first, and a pipe
// may keep only the first 64 KB of it, losing the message.
function lastWords(error) {
  const text = String((error && error.message) || error);
  const lines = text.trim().split("\n");
  process.stdout.write(JSON.stringify({ error: lines.slice(-6).join("\n") }) + "\n", () => process.exit(1));
}

try {
  const { loadPyodide } = await import(pathToFileURL(join(request.pyodide, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: request.pyodide + "/",
    lockFileURL: request.lock,
    packages: request.packages,
    env: { PYTHONOPTIMIZE: "2" }, // the trace runs as the page's Python does (the worker)
    stdout: () => {},
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  pyodide.FS.mkdirTree("/host");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: "/" }, "/host");
  const onHost = (path) => "/host" + path;
  const jobs = request.zips.map((job) => ({ ...job, source: onHost(job.source), target: onHost(job.target) }));
  const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "trace.py"), "utf8");
  const namespace = pyodide.globals.get("dict")();
  namespace.set("__name__", "learning_regions_precompile");
  pyodide.runPython(source, { globals: namespace });
  const request_ = { widgets: request.widgets, zips: jobs, deferred: onHost(request.deferred) };
  const report = namespace.get("main")(JSON.stringify(request_));
  process.stdout.write(report + "\n");
} catch (error) {
  lastWords(error);
}
