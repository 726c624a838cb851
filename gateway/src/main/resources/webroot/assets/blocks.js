// The latest certified blocks, newest first; the gateway sends each height once, and the
// latest few again when the stream (re)connects, so heights are deduplicated here too.

import { el, short } from './dom.js';

const SHOWN = 20;

export function createBlockList(list) {
  const byHeight = new Map();

  function add(block) {
    if (byHeight.has(block.height)) return;
    byHeight.set(block.height, block);
    const newest = [...byHeight.keys()].sort((a, b) => b - a).slice(0, SHOWN);
    for (const height of [...byHeight.keys()]) {
      if (!newest.includes(height)) byHeight.delete(height);
    }
    list.replaceChildren(...newest.map((h) => item(byHeight.get(h))));
  }

  function item(block) {
    const ballots = block.ballots === 1 ? '1 ballot' : `${block.ballots} ballots`;
    return el('li', { 'data-testid': 'block', 'data-height': block.height },
      el('strong', {}, `#${block.height}`), ' ', el('code', { title: block.hash }, short(block.hash, 12)),
      ' ', el('span', { class: 'muted' }, ballots));
  }

  return { add };
}
