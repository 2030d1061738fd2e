#!/usr/bin/env node
// Bundles the extension (node, cjs), the headless CLI and the inspector webview (browser, esm) with esbuild.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const entry = (p) => path.join(root, p);
// cbor-x tries its optional native string extractor at load; from a bundle it never finds the prebuilt
// binary (it looks beside dist/), but the search (node-gyp-build probing for musl) costs about 15 ms of every
// start. Resolving it to nothing gives the same pure-JS decoder without the search.
const noCborExtract = {
  name: 'no-cbor-extract',
  setup(build) {
    build.onResolve({ filter: /^cbor-extract$/ }, () => ({ path: 'cbor-extract', namespace: 'no-cbor-extract' }));
    build.onLoad({ filter: /.*/, namespace: 'no-cbor-extract' }, () => ({ contents: 'module.exports = undefined;', loader: 'js' }));
  },
};
const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', plugins: [noCborExtract] };

const builds = [];
if (fs.existsSync(entry('src/extension/extension.ts'))) {
  builds.push(esbuild.build({ ...node, entryPoints: [entry('src/extension/extension.ts')], outfile: entry('dist/extension.js'), external: ['vscode'] }));
}
if (fs.existsSync(entry('src/cli/main.ts'))) {
  // `run`, `replay` and `export`/`import` (transfer) are bundles of their own beside cli.js, which imports them when asked for: they bring
  // the AWS SDK clients and the fake-data library, which `eventyard serve` would otherwise read and compile
  // at every start before it listens (bench/cold-start.bench.ts).
  const commands = { './run': 'cli-run', './replay': 'cli-replay', './transfer': 'cli-transfer' };
  const separateCommands = {
    name: 'separate-commands',
    setup(build) {
      build.onResolve({ filter: /^\.\/(run|replay|transfer)$/ }, (args) =>
        args.importer === entry('src/cli/main.ts') ? { path: `./${commands[args.path]}.js`, external: true } : undefined,
      );
    },
  };
  builds.push(esbuild.build({ ...node, entryPoints: [entry('src/cli/main.ts')], outfile: entry('dist/cli.js'), banner: { js: '#!/usr/bin/env node' }, plugins: [noCborExtract, separateCommands] }));
  for (const [source, name] of Object.entries(commands)) {
    builds.push(esbuild.build({ ...node, entryPoints: [entry(`src/cli/${source.slice(2)}.ts`)], outfile: entry(`dist/${name}.js`) }));
  }
}
if (fs.existsSync(entry('webview/main.ts'))) {
  // Minified: every inspector panel loads this bundle before it can paint (the inspector benchmark's open time).
  builds.push(esbuild.build({ bundle: true, minify: true, platform: 'browser', format: 'esm', target: 'es2022', sourcemap: true, logLevel: 'warning', entryPoints: [entry('webview/main.ts')], outfile: entry('dist/webview.js'),
    // Stylesheets (uPlot's) come in as text for lit's adopted styles: the CSP allows no <style> or <link> of ours.
    loader: { '.css': 'text' } }));
}
if (fs.existsSync(entry('webview/state-machine/elk-global.ts'))) {
  // ELK (1.6 MB) apart from the inspector's bundle: only a state machine's page loads it (html.ts).
  builds.push(esbuild.build({ bundle: true, minify: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning', entryPoints: [entry('webview/state-machine/elk-global.ts')], outfile: entry('dist/elk.js') }));
}
await Promise.all(builds);
// The inspector's icons: codicons' stylesheet and font, served from dist/ (a local resource root of the webview).
const codicons = entry('node_modules/@vscode/codicons/dist');
fs.mkdirSync(entry('dist/codicons'), { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), entry(`dist/codicons/${f}`));
