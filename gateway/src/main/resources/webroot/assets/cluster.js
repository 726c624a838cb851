// The replica table, redrawn from each `cluster` snapshot. Lag is measured against the
// highest height any reachable replica reports; a replica caught equivocating gets a red mark.
// On a phone the stylesheet hides the view column (the role says who leads) and cuts the head
// hash to 6 characters, so lag and head fit without scrolling sideways.

import { el, short } from './dom.js';

export function createClusterTable(tbody) {
  const accused = new Set();
  let last = null;

  function render(snapshot) {
    last = snapshot;
    const replicas = snapshot.replicas ?? [];
    const top = Math.max(0, ...replicas.filter((r) => r.reachable).map((r) => r.height ?? 0));
    tbody.replaceChildren(...replicas.map((r) => row(r, top)));
  }

  function row(replica, top) {
    const lied = accused.has(replica.id);
    const mark = lied
      ? el('span', { class: 'mark', title: 'signed conflicting messages: see Detections', 'data-testid': 'accused-mark' },
        '● lied')
      : null;
    const idCell = el('th', { scope: 'row' }, `#${replica.id} `, mark);
    const attrs = {
      'data-testid': 'cluster-row', 'data-replica': replica.id, 'data-accused': lied,
      'data-reachable': replica.reachable, class: lied ? 'accused' : null,
    };
    if (!replica.reachable) {
      return el('tr', { ...attrs, 'data-role': 'unreachable' }, idCell,
        el('td', { colspan: 5, class: 'muted' }, 'not answering'));
    }
    const role = replica.primary === replica.id ? 'primary' : 'backup';
    const lag = top - (replica.height ?? 0);
    return el('tr', { ...attrs, 'data-role': role, 'data-lag': lag, title: `view ${replica.view ?? '—'}` },
      idCell,
      el('td', { class: role }, role),
      el('td', { class: 'col-view' }, String(replica.view ?? '—')),
      el('td', {}, String(replica.height ?? '—')),
      el('td', { class: lag > 0 ? 'lagging' : null }, String(lag)),
      el('td', { title: replica.head ?? '' }, el('code', { class: 'head' }, short(replica.head, 8))));
  }

  function markAccused(id) {
    if (accused.has(id)) return;
    accused.add(id);
    if (last) render(last);
  }

  return { render, markAccused };
}
