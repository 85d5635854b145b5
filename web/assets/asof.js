/* The as-of bar (#asof-form): the knowledge date a reader picks, its status
 * line, the "Latest" button, and the page's look while a date is set
 * (body.has-asof). What a change reloads is the caller's (app.js). */
import { fmtDate } from './format.js';
import { $ } from './dom.js';
import { setView, view } from './state.js';

/* The bar as the view says: the date, the status line, the button. */
export function showAsOf() {
  const { asOf } = view();
  $('#asof-status').textContent = asOf
    ? `Showing the public record as of ${fmtDate(asOf, true)}.`
    : 'Showing everything known now.';
  document.body.classList.toggle('has-asof', Boolean(asOf));
  $('#as-of').value = asOf;
  $('#asof-latest').disabled = !asOf;
}

/* Wires the date field, the form and "Latest"; onChange() after the date changed. */
export function wireAsOf(onChange) {
  const input = $('#as-of');
  input.max = new Date().toISOString().slice(0, 10);
  const apply = () => {
    const v = input.value;
    if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return;
    if (v === view().asOf) return;
    setView({ asOf: v });
    onChange();
  };
  input.addEventListener('change', apply);
  $('#asof-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply();
  });
  $('#asof-latest').addEventListener('click', () => {
    input.value = '';
    apply();
    input.focus();
  });
}
