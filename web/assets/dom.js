/* Building the page's elements: $(), h() and replace(), and srcLink(), the
 * link every figure on the page gets. Text is never parsed as HTML, and no
 * style attribute is ever written: the page's Content-Security-Policy
 * (style-src 'self') refuses them, so h() sets {style: {...}} through the
 * CSSOM (element.style), which the policy allows. No fetching, no state. */
import { sourceHref } from './format.js';

export const $ = (sel, root) => (root || document).querySelector(sel);

function setAttr(e, k, v) {
  if (v === null || v === undefined || v === false) return;
  if (k === 'class') e.className = v;
  else if (k === 'checked' || k === 'selected' || k === 'disabled') e[k] = Boolean(v);
  else if (k === 'style') for (const [prop, x] of Object.entries(v)) e.style.setProperty(prop, x);
  else e.setAttribute(k, v === true ? '' : String(v));
}

function append(parent, kid) {
  if (kid === null || kid === undefined || kid === false) return;
  if (Array.isArray(kid)) kid.forEach((k) => append(parent, k));
  else parent.append(kid instanceof Node ? kid : String(kid));
}

/* h('a', {href: x, class: 'y'}, 'text', child, [more]...); null kids are skipped. */
export function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) setAttr(e, k, v);
  append(e, kids);
  return e;
}

export function replace(node, ...kids) {
  node.replaceChildren();
  append(node, kids);
}

/* The link every figure gets: to the publication, or to the fact's record
 * in the API when the source has no public address. */
export function srcLink(f, text, cls) {
  const src = f.source || {};
  let title = `Source: ${src.title || src.id || 'unknown'}`;
  if (!src.url) title += ' (no public address; the link opens the fact record with the quotation)';
  if (f.quote) title += ` — “${f.quote}”`;
  return h('a', { href: sourceHref(f), class: cls || 'src', 'data-fact': f.id, title }, text);
}
