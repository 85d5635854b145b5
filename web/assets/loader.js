/* Running panels: the page's busy state (body data-state="loading|ready"
 * and data-loads, the count of finished loads, which the browser tests wait
 * on), each panel's error box (<p data-error="id">, or #page-error), and
 * run(), which loads a panel and renders only its newest answer. Knows no
 * panel by name and fetches nothing itself. */
import { $ } from './dom.js';

let pending = 0;
let loads = 0;
const tokens = new Map(); // panel id -> number of its newest run

export function setBusy(delta) {
  pending += delta;
  const body = document.body;
  if (pending > 0) {
    body.dataset.state = 'loading';
    body.setAttribute('aria-busy', 'true');
  } else {
    loads += 1;
    body.dataset.loads = String(loads);
    body.dataset.state = 'ready';
    body.removeAttribute('aria-busy');
  }
}

/* Shows err in a panel's error box (section null: the page's), or clears it. */
export function showError(section, err) {
  const box = section ? $(`[data-error="${section}"]`) : $('#page-error');
  if (!box) return;
  if (err) {
    box.textContent = `Could not load this part of the page: ${err.message}`;
    box.hidden = false;
  } else {
    box.textContent = '';
    box.hidden = true;
  }
}

/* Runs panel.load(), which asks the API and resolves to a render function;
 * that function runs only if no newer run of the panel started meanwhile. */
export async function run(panel) {
  const token = (tokens.get(panel.id) || 0) + 1;
  tokens.set(panel.id, token);
  setBusy(1);
  try {
    const render = await panel.load();
    if (token === tokens.get(panel.id)) {
      showError(panel.id, null);
      render();
    }
  } catch (err) {
    if (token === tokens.get(panel.id)) {
      showError(panel.id, err);
      console.error(`policyfacts dashboard: ${panel.id}:`, err);
    }
  } finally {
    setBusy(-1);
  }
}
