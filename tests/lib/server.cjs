// Starting and stopping `policyfacts serve` from a Node.js test (the browser
// tests, the contract recorder). The same contract as tests/lib/server.sh
// and tests/lib/pfserver.py (tests/README.md):
//   start  BIN serve --bind 127.0.0.1 --port 0 ARGS..., output to a log file
//   port   read from the start log line ("event":"start" ... "port":N)
//   ready  once GET /healthz answers 200
//   stop   SIGTERM and wait for the exit; SIGKILL only after a timeout
// CommonJS, so that both CommonJS tests and ES modules can load it.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');

// GET /healthz on 127.0.0.1:port: resolves true on a 200.
function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.setTimeout(2000, () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

// Starts the server and resolves once it is ready, with
// { proc, port, base, logPath }. opts: bin, args (after `serve`), log (file
// for its output), append (add to the log, not replace it), cwd, timeoutMs
// (default 20000). Rejects
// (the process killed) if it exits first or is not ready in time; the
// message names the log.
function startServer(opts) {
  const { bin, args = [], log, append = false, cwd, timeoutMs = 20000 } = opts;
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(log, { flags: append ? 'a' : 'w' });
    const proc = spawn(bin, ['serve', '--bind', '127.0.0.1', '--port', '0', ...args],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let port = null;
    let done = false;
    const finish = (err, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        proc.kill('SIGKILL');
        reject(err);
      } else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error(`server not ready in ${timeoutMs} ms; see ${log}`)),
      timeoutMs);
    const poll = async () => {
      while (!done && proc.exitCode === null) {
        if (await healthy(port)) {
          return finish(null, { proc, port, base: `http://127.0.0.1:${port}`, logPath: log });
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    proc.stdout.pipe(out, { end: false });
    proc.stderr.on('data', (chunk) => {
      out.write(chunk);
      if (port !== null) return;
      buf += chunk;
      const m = /"event":"start"[^\n]*"port":(\d+)/.exec(buf);
      if (m) {
        port = Number(m[1]);
        buf = '';
        poll();
      }
    });
    proc.on('exit', (code, sig) => {
      finish(new Error(`server exited (${code ?? sig}) before it was ready; see ${log}`));
    });
    proc.on('close', () => out.end());
    proc.on('error', (err) => finish(err));
  });
}

// SIGTERM, then waits for the exit (SIGKILL after killMs, default 15000).
// Resolves with the exit code (null when killed by a signal).
function stopServer(srv, killMs = 15000) {
  return new Promise((resolve) => {
    if (!srv || srv.proc.exitCode !== null || srv.proc.signalCode !== null) {
      return resolve(srv ? srv.proc.exitCode : null);
    }
    const kill = setTimeout(() => srv.proc.kill('SIGKILL'), killMs);
    srv.proc.on('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    srv.proc.kill('SIGTERM');
  });
}

module.exports = { startServer, stopServer, healthy };
