'use strict';
/**
 * npm run openapi: regenerates docs/openapi.json from the zod schemas (compiles the server first), and
 * validates it with swagger-parser. `node scripts/openapi.js --validate <file|->` only validates a document
 * (the tests use it: swagger-parser 13 is an ES module, which jest's CommonJS runtime cannot load).
 */
const fs = require('fs');
const path = require('path');
const { ROOT, compileServer, distDir } = require('./lib');

async function validate(doc) {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  await SwaggerParser.validate(doc);
  return Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
}

async function main() {
  const i = process.argv.indexOf('--validate');
  if (i !== -1) {
    const src = process.argv[i + 1] ?? '-';
    const doc = JSON.parse(src === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(src, 'utf8'));
    const operations = await validate(doc);
    console.log(`valid OpenAPI ${doc.openapi} document: ${operations} operations`);
    return;
  }
  compileServer();
  const { buildOpenApiDocument } = require(path.join(distDir(), 'src', 'openapi', 'document.js'));
  const doc = buildOpenApiDocument();
  const operations = await validate(structuredClone(doc));
  const out = path.join(ROOT, 'docs', 'openapi.json');
  fs.writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, out)}: OpenAPI ${doc.openapi}, ${operations} operations, valid`);
}

main().catch((err) => {
  console.error(err?.message ?? err);
  process.exit(1);
});
