#!/usr/bin/env node
// The `veldwerk` command. The CLI is an ES module bundle built by `npm install`
// (the prepare script); this shim only checks the Node version and loads it.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Veldwerk heeft Node.js 22 of nieuwer nodig (gevonden: ${process.versions.node}).`);
  process.exit(1);
}
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
import(pathToFileURL(join(__dirname, '..', 'dist', 'cli', 'veldwerk.mjs')).href).catch((error) => {
  console.error(error && error.code === 'ERR_MODULE_NOT_FOUND'
    ? 'Veldwerk is nog niet gebouwd: voer eerst `npm install` of `npm run build` uit.'
    : error);
  process.exit(1);
});
