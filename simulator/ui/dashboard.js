// The hypersim dashboard: renders the snapshots that /_sim/events pushes, and drives the control plane
// (clock, reset, fault rules) with plain fetch calls. It knows no vendor: inventories arrive as tables.
const $ = (selector) => document.querySelector(selector);
let latest;
let editing; // index of the fault rule being edited, or undefined for a new rule

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(child);
  return node;
}

function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

function formatAmount(value, unit) {
  if (unit === 'B') return formatBytes(value);
  return unit ? `${value} ${unit}` : String(value);
}

function formatDuration(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** A bar for a capacity cell; `label` replaces the "used / total" text (and the warning colours). */
function capacityBar({ used, total, unit }, label) {
  const share = total > 0 ? Math.min(1, used / total) : 0;
  const warn = label === undefined ? (share >= 0.95 ? ' full' : share >= 0.8 ? ' high' : '') : '';
  const bar = el('div', { class: `bar${warn}`, title: `${Math.round(share * 100)}%`, role: 'meter', 'aria-valuenow': used, 'aria-valuemax': total });
  const fill = el('span');
  fill.style.width = `${(share * 100).toFixed(1)}%`;
  bar.append(fill, el('em', { text: label ?? `${formatAmount(used, unit)} / ${formatAmount(total, unit)}` }));
  return bar;
}

function cell(value) {
  if (value !== null && typeof value === 'object' && 'used' in value && 'total' in value) return el('td', {}, capacityBar(value));
  if (typeof value === 'number') return el('td', { class: 'num', text: value });
  if (typeof value === 'boolean') return el('td', { text: value ? 'yes' : 'no' });
  return el('td', { text: value ?? '' });
}

function renderInventory(apis) {
  const root = $('#inventory');
  root.replaceChildren();
  for (const { api, basePath, inventory, error } of apis) {
    const block = el('div', { class: 'api-inventory', 'data-api': api }, el('h3', { text: `${api} (${basePath})` }));
    if (error) block.append(el('p', { class: 'error', text: `inventory failed: ${error}` }));
    else if (!inventory) block.append(el('p', { text: 'this API shows no inventory yet' }));
    else for (const table of inventory.tables) {
      const head = el('tr', {}, ...table.columns.map((c) => el('th', { text: c })));
      const body = table.rows.map((row) => el('tr', {}, ...row.map(cell)));
      block.append(el('h4', { text: table.title }), el('table', { class: 'inventory-table', 'data-title': table.title }, el('thead', {}, head), el('tbody', {}, ...body)));
    }
    root.append(block);
  }
}

function renderTasks(tasks) {
  const api = $('#task-api').value;
  const state = $('#task-state').value;
  const rows = tasks
    .filter((t) => (!api || t.api === api) && (!state || t.state === state))
    .map((t) => {
      const outcome = t.error ?? (t.result === null || t.result === undefined ? '' : JSON.stringify(t.result));
      return el('tr', { 'data-task-id': t.id, 'data-state': t.state },
        el('td', { text: t.api }), el('td', { text: t.type }), el('td', { text: t.target ?? '' }), el('td', { text: t.owner ?? '' }),
        el('td', { class: `state state-${t.state}`, text: t.state }),
        el('td', {}, capacityBar({ used: t.progress, total: 1 }, `${Math.round(t.progress * 100)} %`)),
        el('td', { class: 'num', text: formatDuration(t.durationMs) }),
        el('td', { text: outcome }), el('td', {}, el('code', { text: t.id })));
    });
  $('#tasks tbody').replaceChildren(...rows);
}

function renderJournal(entries) {
  const includeSim = $('#journal-sim').checked;
  const rows = entries
    .filter((e) => includeSim || !e.path.startsWith('/_sim'))
    .reverse()
    .map((e) => el('tr', { class: e.status >= 400 ? 'status-error' : undefined },
      el('td', { text: e.time }), el('td', { text: e.api }), el('td', { text: e.method }), el('td', {}, el('code', { text: e.path + e.query })),
      el('td', { class: 'num', text: e.status }), el('td', { class: 'num', text: e.durationMs }),
      el('td', { text: e.operationId ?? '' }), el('td', { class: 'fault', text: e.fault ?? '' })));
  $('#journal tbody').replaceChildren(...rows);
}

function renderFaults({ rules, counters }) {
  const rows = rules.map((rule, index) => {
    const counter = counters.find((c) => c.rule === index) ?? { matched: 0, hit: 0 };
    const edit = el('button', { type: 'button', class: 'fault-edit', text: 'edit' });
    edit.addEventListener('click', () => startEdit(index, rule));
    const remove = el('button', { type: 'button', class: 'fault-remove', text: 'remove' });
    remove.addEventListener('click', () => control('DELETE', `/_sim/faults/${index}`, undefined, '#fault-error').then((ok) => ok && editing === index && stopEdit()));
    return el('tr', { 'data-rule': index },
      el('td', { text: `#${index}` }), el('td', {}, el('code', { text: JSON.stringify(rule) })),
      el('td', { class: 'num matched', text: counter.matched }), el('td', { class: 'num hit', text: counter.hit }), el('td', {}, edit, ' ', remove));
  });
  $('#faults tbody').replaceChildren(...rows);
}

function renderClock(clock) {
  $('#clock-mode').textContent = clock.factor ? `${clock.mode} ×${clock.factor}` : clock.mode;
  $('#clock-now').textContent = clock.now;
  for (const form of document.querySelectorAll('.manual-only')) form.hidden = clock.mode !== 'manual';
  if (document.activeElement !== $('#set-time')) $('#set-time').value = clock.now;
}

function render(snapshot) {
  latest = snapshot;
  $('#listener').textContent = `listener: ${snapshot.api}`;
  const apiFilter = $('#task-api');
  for (const { api } of snapshot.apis) if (![...apiFilter.options].some((o) => o.value === api)) apiFilter.append(el('option', { value: api, text: api }));
  renderClock(snapshot.clock);
  renderInventory(snapshot.apis);
  renderTasks(snapshot.tasks);
  renderFaults(snapshot.faults);
  renderJournal(snapshot.journal);
}

/** Calls the control plane; shows its error text (or clears it) in `errorAt`. True when it succeeded. */
async function control(method, path, body, errorAt) {
  const errorLine = $(errorAt);
  try {
    const response = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      try { message = JSON.parse(text).error ?? text; } catch { /* not JSON: show as is */ }
      errorLine.textContent = `${response.status}: ${message}`;
      return false;
    }
    errorLine.textContent = '';
    return true;
  } catch (error) {
    errorLine.textContent = String(error);
    return false;
  }
}

function startEdit(index, rule) {
  editing = index;
  $('#fault-json').value = JSON.stringify(rule, null, 2);
  $('#fault-mode').textContent = `editing rule #${index}`;
  $('#fault-save').textContent = 'Save rule';
  $('#fault-cancel').hidden = false;
}

function stopEdit() {
  editing = undefined;
  $('#fault-json').value = '';
  $('#fault-mode').textContent = 'new rule';
  $('#fault-save').textContent = 'Add rule';
  $('#fault-cancel').hidden = true;
}

$('#fault-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  let rule;
  try {
    rule = JSON.parse($('#fault-json').value);
  } catch (error) {
    $('#fault-error').textContent = `not valid JSON: ${error.message}`;
    return;
  }
  const ok = editing === undefined
    ? await control('POST', '/_sim/faults', rule, '#fault-error')
    : await control('PUT', `/_sim/faults/${editing}`, rule, '#fault-error');
  if (ok) stopEdit();
});
$('#fault-cancel').addEventListener('click', stopEdit);

$('#clock-advance').addEventListener('submit', (event) => {
  event.preventDefault();
  control('POST', '/_sim/clock/advance', { seconds: Number($('#advance-seconds').value) }, '#clock-error');
});
$('#clock-set').addEventListener('submit', (event) => {
  event.preventDefault();
  control('PUT', '/_sim/clock', { now: $('#set-time').value.trim() }, '#clock-error');
});
$('#reset').addEventListener('submit', (event) => {
  event.preventDefault();
  control('POST', '/_sim/reset', { scenario: $('#reset-scenario').value }, '#reset-error');
});
for (const filter of ['#task-api', '#task-state']) $(filter).addEventListener('change', () => latest && renderTasks(latest.tasks));
$('#journal-sim').addEventListener('change', () => latest && renderJournal(latest.journal));
$('#fault-json').placeholder = '{"api": "pve", "operationId": "cloneVm", "error": {"status": 500, "message": "injected"}}';

fetch('/_sim/scenarios').then((r) => r.json()).then(({ builtIn }) => {
  $('#reset-scenario').replaceChildren(...builtIn.map((name) => el('option', { value: name, text: name, selected: name === 'default' })));
});

const events = new EventSource('/_sim/events');
events.addEventListener('snapshot', (event) => {
  $('#connection').textContent = 'live';
  $('#connection').className = 'badge live';
  render(JSON.parse(event.data));
});
events.addEventListener('error', () => {
  $('#connection').textContent = 'reconnecting…';
  $('#connection').className = 'badge down';
});
