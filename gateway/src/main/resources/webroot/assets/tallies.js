// One block of bars per election. The tally app counts committed blocks, so the bars are
// refetched when a block event says something committed: once per burst, never on a timer.
// Only a tally that could not be read (the tally app still starting) is asked again, with backoff.

import { getJson } from './api.js';
import { backoff, el, coalesced } from './dom.js';

const REFRESH_AFTER_BLOCK_MS = 400;

export function createTallies(root, elections) {
  const bars = new Map(); // `${election}/${candidate}` -> {fill, count, row}
  const heights = new Map(); // election -> <span> showing the height counted
  const problems = new Map(); // election -> <p> for "tally unavailable"
  const retries = new Map(); // election -> backoff, until its tally loads

  for (const election of elections) {
    const list = el('div', { class: 'bars' });
    for (const candidate of election.candidates) {
      const fill = el('div', { class: 'fill' });
      const count = el('span', { class: 'count' }, '0');
      const bar = el('div', {
        class: 'bar', role: 'meter', 'aria-label': `${candidate} in ${election.id}`, 'aria-valuemin': 0,
        'aria-valuenow': 0, 'data-testid': 'tally-bar', 'data-election': election.id, 'data-candidate': candidate,
        'data-count': 0,
      }, fill);
      list.append(el('div', { class: 'bar-row' }, el('span', { class: 'name' }, candidate), bar, count));
      bars.set(`${election.id}/${candidate}`, { bar, fill, count });
    }
    const height = el('span', { 'data-testid': 'tally-height', 'data-election': election.id }, 'height 0');
    const problem = el('p', { class: 'problem', hidden: true });
    heights.set(election.id, height);
    problems.set(election.id, problem);
    retries.set(election.id, backoff(() => refresh(election.id)));
    root.append(el('article', { class: 'tally', 'data-testid': 'tally', 'data-election': election.id },
      el('h3', {}, election.id, ' ', height), list, problem));
  }

  function show(tally) {
    const counts = tally.counts ?? {};
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    for (const [candidate, n] of Object.entries(counts)) {
      const entry = bars.get(`${tally.election}/${candidate}`);
      if (!entry) continue;
      const share = total === 0 ? 0 : (100 * n) / total;
      entry.fill.style.width = `${share}%`;
      entry.bar.dataset.count = String(n);
      entry.bar.setAttribute('aria-valuenow', String(n));
      entry.count.textContent = total === 0 ? '0' : `${n} (${Math.round(share)}%)`;
    }
    heights.get(tally.election).textContent = `height ${tally.height}`;
  }

  async function refresh(election) {
    const problem = problems.get(election);
    try {
      show((await getJson(`/api/tallies/${encodeURIComponent(election)}`)).body);
      problem.hidden = true;
      retries.get(election).succeeded();
    } catch (e) {
      const wait = retries.get(election).failed();
      problem.textContent = `Tally unavailable: ${e.message}; trying again in ${Math.round(wait / 1000)} s`;
      problem.hidden = false;
    }
  }

  const refreshAll = () => Promise.all(elections.map((e) => refresh(e.id)));
  return { refreshAll, afterBlock: coalesced(refreshAll, REFRESH_AFTER_BLOCK_MS) };
}
