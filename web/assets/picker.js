/* A type-to-search picker over every economy (an ARIA combobox): a text
 * field and the list of matching names under it, economies first and
 * World Bank aggregates marked as such, picked with the mouse or the
 * keyboard (arrows, Enter, Escape). Searching ignores case and accents and
 * matches a name's start, a word's start, any part of it, or the code. The
 * choices come from the reference tables; what a pick does is the caller's.
 * Used by the GDP panel (add a country) and "where does it stand". */
import { h, replace } from './dom.js';
import { allEntities } from './state.js';

const MAX_SHOWN = 12;
const fold = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/* The economies (type country) and aggregates, as picker choices. */
export function economyChoices() {
  return Array.from(allEntities()).filter((e) => e.type === 'country' || e.type === 'aggregate');
}

function score(e, q) {
  const name = fold(e.name);
  if (fold(e.id) === q || name.startsWith(q)) return 0;
  if (name.split(/[\s,.'()-]+/).some((w) => w.startsWith(q))) return 1;
  return name.includes(q) ? 2 : -1;
}

/* Choices matching q, best first: score, economies before aggregates, name. */
export function search(choices, q) {
  const f = fold(q.trim());
  if (!f) return [];
  return choices.map((e) => ({ e, s: score(e, f) })).filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || (a.e.type === 'aggregate') - (b.e.type === 'aggregate') || a.e.name.localeCompare(b.e.name))
    .slice(0, MAX_SHOWN).map((x) => x.e);
}

function option(listId, e, active) {
  return h('li', { role: 'option', id: `${listId}-${e.id}`, 'data-id': e.id, 'aria-selected': active ? 'true' : 'false',
    class: active ? 'is-active' : null },
  e.name, e.type === 'aggregate' ? h('span', { class: 'picker-tag' }, 'aggregate') : null);
}

/* Wires input (role combobox) and list (role listbox); choices() gives the
 * entities to search; onPick(id) after a pick, the field then cleared. */
export function wirePicker(input, list, choices, onPick) {
  let shown = [];
  let active = -1;
  const draw = () => {
    replace(list, shown.length ? shown.map((e, k) => option(list.id, e, k === active))
      : h('li', { class: 'picker-none', role: 'presentation' }, 'No economy or aggregate by that name'));
    list.hidden = !input.value.trim();
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${shown[active].id}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const pick = (e) => {
    input.value = '';
    close();
    onPick(e.id);
  };
  input.addEventListener('input', () => {
    shown = search(choices(), input.value);
    active = shown.length ? 0 : -1;
    draw();
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!shown.length) return;
      ev.preventDefault();
      active = (active + (ev.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      draw();
    } else if (ev.key === 'Enter' && active >= 0 && !list.hidden) {
      ev.preventDefault();
      pick(shown[active]);
    } else if (ev.key === 'Escape') close();
  });
  // mousedown, not click: the field's blur would close the list first
  list.addEventListener('mousedown', (ev) => {
    const li = ev.target.closest('li[data-id]');
    if (!li) return;
    ev.preventDefault();
    pick(shown.find((e) => e.id === li.dataset.id));
  });
  input.addEventListener('blur', close);
}
