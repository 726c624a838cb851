// The dashboard: loads what exists once, then follows /api/events. No polling loops: tallies are
// refetched only when a block commits, and everything else arrives on the stream.

import { getJson, openEvents } from './api.js';
import { createBlockList } from './blocks.js';
import { createClusterTable } from './cluster.js';
import { createDetectionFeed } from './detections.js';
import { backoff } from './dom.js';
import { createTallies } from './tallies.js';
import { createVotePanel } from './vote.js';

const $ = (id) => document.getElementById(id);

async function main() {
  const { elections } = (await getJson('/api/elections')).body;
  const tallies = createTallies($('tally-list'), elections);
  const cluster = createClusterTable($('cluster-rows'));
  const blocks = createBlockList($('block-list'));
  const detections = createDetectionFeed($('detection-list'), (id) => cluster.markAccused(id));
  const vote = createVotePanel(elections, $);
  const pastDetections = createPastDetections(detections);

  const catchUp = () => Promise.all([
    tallies.refreshAll(),
    getJson('/api/cluster').then(({ body }) => cluster.render(body), () => {}),
    pastDetections(),
    vote.resync(),
  ]);

  let everLive = false;
  openEvents({
    vote: (status) => vote.show(status),
    block: (block) => {
      blocks.add(block);
      tallies.afterBlock();
    },
    cluster: (snapshot) => cluster.render(snapshot),
    detection: (detection) => detections.add(detection, true),
  }, (state) => {
    showLive(state);
    if (state === 'live' && everLive) catchUp(); // back after a gap: fetch what may have changed
    if (state === 'live') everLive = true;
  });

  // The stream is opened first and these are read after, so nothing falls between the two.
  await catchUp();
}

/** Loads the detections made before the page opened, asking again with backoff until it can. */
function createPastDetections(detections) {
  const note = $('detections-note');
  const usual = note.textContent;
  const load = async () => {
    try {
      detections.load((await getJson('/api/detections')).body);
      retry.succeeded();
      note.textContent = usual;
      delete note.dataset.problem;
    } catch (e) {
      const wait = retry.failed();
      note.textContent = `Past detections unavailable (${e.message}); trying again in ${Math.round(wait / 1000)} s.`
        + ' New ones still appear here.';
      note.dataset.problem = 'true';
    }
  };
  const retry = backoff(load);
  return load;
}

function showLive(state) {
  const text = { live: 'live', reconnecting: 'reconnecting…', down: 'offline, retrying' }[state] ?? state;
  $('live-status').dataset.state = state;
  $('live-status').textContent = text;
}

main().catch((e) => {
  $('fatal').textContent = `The dashboard could not start: ${e.message}. Is the gateway running?`;
  $('fatal').hidden = false;
});
