// Voter keys and ballots, exactly as DESIGN.md defines them, with WebCrypto's Ed25519.
// No DOM here: the same module runs in Node, where a test checks its signatures in Java.

const DOMAIN = 'bftvote/ballot/v1';
// DER header of a PKCS#8 Ed25519 private key (RFC 8410); the 32-byte seed follows it.
const PKCS8_ED25519 = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
const ED25519 = { name: 'Ed25519' };
const B64URL = /^[A-Za-z0-9_-]*$/;

export function b64url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromB64url(text) {
  if (!B64URL.test(text)) throw new Error('not base64url: only A-Z a-z 0-9 - _ without padding');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

/** Why this page cannot make or use keys here, or null if it can. */
export function webCryptoProblem() {
  if (globalThis.isSecureContext === false) {
    return 'Browsers offer WebCrypto only to https:// pages and to http://localhost; open the dashboard that way to vote.';
  }
  if (!globalThis.crypto?.subtle) return 'This browser has no WebCrypto.';
  return null;
}

/** A fresh voter key: {privateKey (CryptoKey), voter (public key, base64url), seed (base64url)}. */
export async function generateVoterKey() {
  const pair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify']);
  return describe(pair.privateKey);
}

/** A voter key from its 32-byte private seed, base64url, as in a bftvote key file. */
export async function importVoterKey(seedB64url) {
  const seed = fromB64url(seedB64url);
  if (seed.length !== 32) throw new Error(`an Ed25519 private key is 32 bytes, this is ${seed.length}`);
  const pkcs8 = new Uint8Array(PKCS8_ED25519.length + 32);
  pkcs8.set(PKCS8_ED25519);
  pkcs8.set(seed, PKCS8_ED25519.length);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, true, ['sign']);
  return describe(privateKey);
}

/** The private seed in pasted text: the bare 43 characters, or a whole key file {"public","private"}. */
export function seedFromText(text) {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  let file;
  try {
    file = JSON.parse(trimmed);
  } catch (e) {
    throw new Error('this looks like JSON but does not parse: ' + e.message);
  }
  if (typeof file.private !== 'string') throw new Error('the key file has no "private" field');
  return file.private;
}

/** The bftvote key file for a voter key: the public key must match, or it is refused on import. */
export function keyFile(key) {
  return { public: key.voter, private: key.seed };
}

// A JWK export of an Ed25519 private key carries both halves: d (the seed) and x (the public key),
// already base64url without padding, which is just what a voter id is.
async function describe(privateKey) {
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  return { privateKey, voter: jwk.x, seed: jwk.d };
}

/** The exact text a voter signs; its UTF-8 bytes are signed, and hashed for the request id. */
export function signedText(ballot) {
  return [DOMAIN, ballot.election, ballot.voter, ballot.candidate, ballot.nonce].join('\n');
}

export function randomNonce() {
  return 'web-' + b64url(crypto.getRandomValues(new Uint8Array(9)));
}

/** A complete ballot, ready to POST. */
export async function signBallot(key, election, candidate, nonce = randomNonce()) {
  const ballot = { election, voter: key.voter, candidate, nonce };
  const bytes = new TextEncoder().encode(signedText(ballot));
  const signature = new Uint8Array(await crypto.subtle.sign(ED25519, key.privateKey, bytes));
  return { ...ballot, signature: b64url(signature) };
}

/** The request id the gateway will answer with: lowercase hex SHA-256 of the signed bytes. */
export async function requestId(ballot) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(signedText(ballot)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
