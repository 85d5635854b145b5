// What the browser tests share: where the binary, database and Chromium
// are, starting and stopping policyfacts on a free loopback port (through
// tests/lib/server.cjs), and launching Debian's Chromium through
// playwright-core (no browser download).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const server = require('../lib/server.cjs');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.PF_BIN || 'build/policyfacts');
const DB = path.resolve(ROOT, process.env.PF_DBFILE || 'build/policyfacts.db');
const CHROMIUM = process.env.PF_CHROMIUM || '/usr/bin/chromium';
const OUT = path.join(ROOT, 'tests', 'out', 'e2e');

// A server as tests/lib/server.cjs starts them all (tests/README.md), with
// the bundled database and its output in OUT/<name>-server.log.
function startServer(name, extra) {
  fs.mkdirSync(OUT, { recursive: true });
  return server.startServer({ bin: BIN, args: ['--db', DB, ...(extra || [])],
    log: path.join(OUT, `${name}-server.log`), cwd: ROOT });
}

// SIGTERM (the graceful path), SIGKILL after 5 s.
function stopServer(srv) {
  return server.stopServer(srv, 5000);
}

// Headless Chromium with the flags that keep it off the network.
function launchChromium(userDir, options) {
  return chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    ...options,
  });
}

module.exports = { ROOT, BIN, DB, CHROMIUM, OUT, startServer, stopServer, launchChromium };
