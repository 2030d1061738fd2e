// Chevrotain's helper packages (@chevrotain/utils, gast, regexp-to-ast, cst-dts-gen) export only an
// "import" condition. The tests load the sources through tsx's CommonJS hook, which turns chevrotain's
// imports into require() calls that Node then refuses ("No exports main defined"). esbuild bundles them
// for the extension and dist/cli.js, so only test runs need this: it resolves those packages to their
// entry file, which tsx's hook compiles like any other ES module.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const original = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const match = /^@chevrotain\/([a-z-]+)$/.exec(request);
  if (match && parent?.filename) {
    for (const dir of Module._nodeModulePaths(path.dirname(parent.filename))) {
      const manifest = path.join(dir, '@chevrotain', match[1], 'package.json');
      if (fs.existsSync(manifest)) return path.join(path.dirname(manifest), JSON.parse(fs.readFileSync(manifest, 'utf8')).exports['.'].import);
    }
  }
  return original.call(this, request, parent, ...rest);
};
