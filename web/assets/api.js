/* Talking to the API: query strings, JSON requests, failures as Errors that
 * name the URL and the API's problem detail, and list endpoints read to the
 * end. Every URL is relative (v1/...), so the page works at the root and
 * behind a proxy prefix such as /policyfacts/. No DOM, no state: callers
 * pass the as-of date. */

/* {a: 1, b: 'x,y', c: null} → "a=1&b=x,y" (empty values left out, commas kept). */
export function query(params) {
  return Object.entries(params || {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v)).replace(/%2C/gi, ',')}`)
    .join('&');
}

/* One GET; the parsed body, or an Error saying what the API answered. */
export async function getJSON(path, params) {
  const q = query(params);
  const url = q ? `${path}?${q}` : path;
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    body = null;
  }
  if (!res.ok || !body) {
    const why = body && (body.detail || body.title);
    throw new Error(`${url}: ${why || `HTTP ${res.status}`}`);
  }
  return body;
}

/* All pages of a list endpoint (follows meta.next_cursor), as one array. */
export async function getAll(path, params) {
  let out = [];
  let cursor = null;
  for (let page = 0; page < 100; page++) {
    const body = await getJSON(path, Object.assign({}, params, { cursor }));
    out = out.concat(body.data || []);
    cursor = body.meta && body.meta.next_cursor;
    if (!cursor) break;
  }
  return out;
}

/* params with as_of added when a date is chosen ('' means: everything known now). */
export function withAsOf(params, asOf) {
  if (asOf) params.as_of = asOf;
  return params;
}
