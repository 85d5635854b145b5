// Browser clients of the API: a page served from another origin (a second
// port) calls the API with fetch() in Debian's Chromium, reads a collection,
// follows `Link: rel="next"` and revalidates with the ETag (a 304) — which
// only works when CORS exposes Link and ETag and allows If-None-Match in the
// preflight. A server with a CORS origin list answers the listed origin and
// refuses another.
//
//   node --test tests/e2e/clients.test.js     (or `make e2e`)
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { OUT, startServer, stopServer, launchChromium } = require('./harness');

// A plain page on its own origin: the API is cross-origin from here.
function startPageServer() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>client</title><p>API client page</p>');
    });
    srv.listen(0, '127.0.0.1', () => resolve({ srv, base: `http://127.0.0.1:${srv.address().port}` }));
  });
}

// Runs in the page: read, follow Link, revalidate.
async function clientRun(api) {
  const out = {};
  const first = await fetch(`${api}/v1/facts?kind=gdp_share&subject=CHN&limit=5`, { cache: 'no-store' });
  out.status = first.status;
  out.etag = first.headers.get('ETag');
  out.link = first.headers.get('Link');
  out.ids1 = (await first.json()).data.map((f) => f.id);
  const m = /<([^>]+)>;\s*rel="next"/.exec(out.link || '');
  if (m) {
    const second = await fetch(m[1], { cache: 'no-store' });
    out.status2 = second.status;
    out.ids2 = (await second.json()).data.map((f) => f.id);
  }
  const again = await fetch(`${api}/v1/facts?kind=gdp_share&subject=CHN&limit=5`, {
    cache: 'no-store', headers: { 'If-None-Match': out.etag },
  });
  out.revalidate = again.status;
  out.revalidateBody = (await again.text()).length;
  return out;
}

let browser, page, api, apiListed, pages, other;

before(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  pages = await startPageServer();
  other = await startPageServer();
  api = await startServer('clients-any', []);
  apiListed = await startServer('clients-listed', ['--cors-origins', pages.base]);
  browser = await launchChromium(fs.mkdtempSync(path.join(os.tmpdir(), 'pf-chromium-')));
  page = browser.pages()[0] || (await browser.newPage());
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(api);
  await stopServer(apiListed);
  if (pages) pages.srv.close();
  if (other) other.srv.close();
});

test('cross-origin fetch reads a page, follows Link: rel="next", revalidates with the ETag', async () => {
  await page.goto(pages.base);
  const r = await page.evaluate(clientRun, api.base);
  assert.equal(r.status, 200);
  assert.match(r.etag || '', /^"[0-9a-f]{16}-[0-9a-f]{16}(-gzip)?"$/, 'ETag readable from script');
  assert.ok(r.link && r.link.includes('rel="next"'), 'Link readable from script');
  assert.equal(r.status2, 200);
  assert.equal(r.ids1.length, 5);
  assert.equal(r.ids2.length, 5);
  assert.equal(new Set([...r.ids1, ...r.ids2]).size, 10, 'the next page holds other facts');
  assert.equal(r.revalidate, 304, 'If-None-Match passed the preflight and matched');
  assert.equal(r.revalidateBody, 0);
});

test('a CORS origin list answers the listed origin and refuses another', async () => {
  await page.goto(pages.base);
  const ok = await page.evaluate(clientRun, apiListed.base);
  assert.equal(ok.status, 200);
  assert.equal(ok.revalidate, 304);
  await page.goto(other.base);
  const refused = await page.evaluate(async (a) => {
    try {
      await fetch(`${a}/v1/facts?limit=1`, { cache: 'no-store' });
      return 'allowed';
    } catch (e) {
      return 'blocked';
    }
  }, apiListed.base);
  assert.equal(refused, 'blocked', 'an unlisted origin cannot read the API');
});
