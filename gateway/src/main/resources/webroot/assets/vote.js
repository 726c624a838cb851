// The "cast a vote" panel: a voter key made in (or pasted into) the page, a ballot signed in the
// page, and the vote's status until f+1 replicas agree on its outcome. The key never leaves the
// page; only the signed ballot is sent.

import { ApiError, getJson, postJson } from './api.js';
import * as ballots from './ballot.js';
import { short } from './dom.js';

const STORAGE_KEY = 'bftvote.voter-key';
const WAIT = '20s'; // one held request; after it, the live stream brings the outcome

export function createVotePanel(elections, $) {
  let key = null;
  let current = null; // {id, final}

  const setStatus = (state, text) => {
    $('vote-status').dataset.status = state;
    $('vote-status').textContent = text;
  };
  const keyProblem = (text) => {
    $('key-problem').textContent = text ?? '';
    $('key-problem').hidden = !text;
  };

  function fillElections() {
    for (const e of elections) $('vote-election').append(new Option(e.id, e.id));
    $('vote-election').addEventListener('change', fillCandidates);
    fillCandidates();
  }

  function fillCandidates() {
    const election = elections.find((e) => e.id === $('vote-election').value);
    $('vote-candidate').replaceChildren(...(election?.candidates ?? []).map((c) => new Option(c, c)));
  }

  function useKey(next) {
    key = next;
    $('voter-id').textContent = key ? key.voter : 'no key yet';
    $('key-forget').disabled = !key;
    $('key-download').hidden = !key;
    if (key) {
      const file = JSON.stringify(ballots.keyFile(key));
      localStorage.setItem(STORAGE_KEY, file);
      $('key-download').href = URL.createObjectURL(new Blob([file], { type: 'application/json' }));
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  }

  async function importText(text) {
    const seed = ballots.seedFromText(text);
    const imported = await ballots.importVoterKey(seed);
    const claimed = text.trim().startsWith('{') ? JSON.parse(text).public : undefined;
    if (claimed !== undefined && claimed !== imported.voter) {
      throw new Error('the key file\'s public key does not match its private key');
    }
    return imported;
  }

  async function guarded(action) {
    keyProblem(null);
    try {
      await action();
    } catch (e) {
      keyProblem(e.message || String(e));
    }
  }

  async function submit(event) {
    event.preventDefault();
    if (!key) {
      setStatus('error', 'Generate a key or paste one first: the key is who you are.');
      return;
    }
    $('vote-submit').disabled = true;
    try {
      const ballot = await ballots.signBallot(key, $('vote-election').value, $('vote-candidate').value);
      current = { id: await ballots.requestId(ballot), final: false };
      $('vote-signed-text').textContent = `${ballots.signedText(ballot)}\n\nrequest id ${current.id}`;
      $('vote-signed').hidden = false;
      setStatus('sending', `Sending vote ${short(current.id, 12)}…`);
      const { body } = await postJson(`/api/votes?wait=${WAIT}`, ballot);
      show(body);
    } catch (e) {
      setStatus('error', explain(e));
    } finally {
      $('vote-submit').disabled = false;
    }
  }

  function explain(e) {
    if (e instanceof ApiError && e.status === 429) return `Too many votes from this address: ${e.message}`;
    if (e instanceof ApiError) return `Not sent: ${e.message}`;
    return `Could not sign: ${e.message || e}`;
  }

  /** Shows a vote status from the gateway, if it is about the vote this panel sent. */
  function show(status) {
    if (!current || status.id !== current.id || current.final) return;
    const where = `block ${status.height}, confirmed by ${status.confirmations} replicas`;
    if (status.status === 'accepted') {
      current.final = true;
      setStatus('accepted', `Accepted: counted in ${where}.`);
    } else if (status.status === 'rejected') {
      current.final = true;
      setStatus('rejected', `Rejected (${status.reason}) in ${where}.`);
    } else {
      setStatus('pending', 'Pending: the broker has it and the replicas are ordering it; waiting for f+1 matching signed replies…');
    }
  }

  /** After the live stream was down, ask once: the outcome may have become final meanwhile. */
  async function resync() {
    if (!current || current.final) return;
    try {
      show((await getJson(`/api/votes/${current.id}`)).body);
    } catch (e) {
      // still unknown here; the next vote event or resync will tell
    }
  }

  async function restore() {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored) await guarded(async () => useKey(await importText(stored)));
  }

  function wire() {
    fillElections();
    const problem = ballots.webCryptoProblem();
    if (problem) {
      keyProblem(problem);
      for (const id of ['key-generate', 'key-import', 'vote-submit']) $(id).disabled = true;
      return;
    }
    $('key-generate').addEventListener('click', () => guarded(async () => useKey(await ballots.generateVoterKey())));
    $('key-import').addEventListener('click', () => guarded(async () => {
      useKey(await importText($('key-paste').value));
      $('key-paste').value = '';
    }));
    $('key-forget').addEventListener('click', () => useKey(null));
    $('vote-form').addEventListener('submit', submit);
    restore();
  }

  wire();
  return { show, resync };
}
