// What the browser tests share: where the binary, database and Chromium
// are, starting and stopping policyfacts on a free loopback port, and
// launching Debian's Chromium through playwright-core (no browser download).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.PF_BIN || 'build/policyfacts');
const DB = path.resolve(ROOT, process.env.PF_DBFILE || 'build/policyfacts.db');
const CHROMIUM = process.env.PF_CHROMIUM || '/usr/bin/chromium';
const OUT = path.join(ROOT, 'tests', 'out', 'e2e');

// Starts `policyfacts serve` with --port 0 and resolves once its start log
// line names the port; the server's stderr goes to OUT/<name>-server.log.
function startServer(name, extra) {
  return new Promise((resolve, reject) => {
    const args = ['serve', '--db', DB, '--bind', '127.0.0.1', '--port', '0'].concat(extra || []);
    const proc = spawn(BIN, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const logPath = path.join(OUT, `${name}-server.log`);
    const log = fs.createWriteStream(logPath);
    let buf = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`${name} server did not start; see ${logPath}`)), 15000);
    function finish(err, port) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        proc.kill('SIGKILL');
        reject(err);
      } else resolve({ proc, port, base: `http://127.0.0.1:${port}`, log });
    }
    proc.stderr.on('data', (chunk) => {
      log.write(chunk);
      if (done) return;
      buf += chunk;
      for (const line of buf.split('\n')) {
        const m = /"event":"start".*"port":(\d+)/.exec(line);
        if (m) finish(null, Number(m[1]));
      }
    });
    proc.on('exit', (code) => finish(new Error(`${name} server exited (${code}); see ${logPath}`)));
    proc.on('error', (err) => finish(err));
  });
}

// SIGTERM (the graceful path), SIGKILL after 5 s.
function stopServer(srv) {
  return new Promise((resolve) => {
    if (!srv || srv.proc.exitCode !== null) return resolve();
    const kill = setTimeout(() => srv.proc.kill('SIGKILL'), 5000);
    srv.proc.on('exit', () => {
      clearTimeout(kill);
      srv.log.end();
      resolve();
    });
    srv.proc.kill('SIGTERM');
  });
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
