// The detections feed: who lied, where, and the two signed messages that prove it, which can be
// expanded, read and downloaded for `./bftvote verify-evidence FILE`.

import { el, short } from './dom.js';

const SHOWN = 200;

export function createDetectionFeed(list, onAccused) {
  const seen = new Set();

  /** Adds one detection; `live` ones are newer than everything shown and go on top. */
  function add(detection, live) {
    const key = `${detection.accused}/${detection.view}/${detection.sequence}/${detection.phase}`;
    if (seen.has(key)) return;
    seen.add(key);
    onAccused(detection.accused);
    const entry = item(detection);
    if (live) list.prepend(entry);
    else list.append(entry);
    while (list.children.length > SHOWN) list.lastElementChild.remove();
  }

  /** The tally's list, most recent first. */
  function load(detections) {
    for (const detection of detections) add(detection, false);
  }

  function item(d) {
    const file = `detection-${d.accused}-v${d.view}-n${d.sequence}-${d.phase}.json`;
    const download = el('a', { download: file, href: '#', 'data-testid': 'detection-download' }, `download ${file}`);
    download.addEventListener('click', () => { // made on demand: 200 entries need not hold 200 blobs
      download.href = URL.createObjectURL(new Blob([JSON.stringify(d, null, 2)], { type: 'application/json' }));
      setTimeout(() => URL.revokeObjectURL(download.href), 60_000);
    });
    const messages = (d.evidence ?? []).map((m, i) => el('div', { class: 'message' },
      el('h4', {}, `Message ${i === 0 ? 'A' : 'B'}: digest `, el('code', {}, short(m.digest, 16))),
      el('pre', { 'data-testid': 'evidence-message' }, JSON.stringify(m, null, 2))));
    return el('li', { class: 'detection', 'data-testid': 'detection', 'data-accused': d.accused },
      el('p', {},
        el('strong', {}, `Replica ${d.accused} equivocated`),
        `: it signed two different ${d.phase} messages for view ${d.view}, sequence ${d.sequence}.`),
      el('p', { class: 'muted' }, `detected ${d.detectedAt}`),
      el('details', { 'data-testid': 'detection-evidence' },
        el('summary', {}, 'Evidence: both signed messages'),
        ...messages,
        el('p', {}, download, ' — check it offline with ', el('code', {}, `./bftvote verify-evidence ${file}`))));
  }

  return { add, load };
}
