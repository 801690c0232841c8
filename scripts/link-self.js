#!/usr/bin/env node
// Makes `require("pulumi-atlas-restore")` resolve to this checkout's built package (dist/), the way
// it resolves for a user who installed it from npm: node_modules/pulumi-atlas-restore -> the repo.
// The examples, the demo and the end-to-end tests use it; run `npm run build` first.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-atlas-restore");
if (!fs.existsSync(path.join(root, "dist", "index.js"))) {
  console.error("link-self: dist/index.js is missing: run `npm run build` first");
  process.exit(1);
}
let current;
try {
  current = fs.readlinkSync(link);
} catch {
  current = undefined;
}
if (current !== "..") {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync("..", link, "dir");
}
