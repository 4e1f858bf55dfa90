// The browser's side of a secret vote (docs/plugins/voting.md, "Secret votes: RSA blind signatures"): RFC 9474
// Prepare, Blind and Finalize through @cloudflare/blindrsa-ts (WebCrypto + its own big-number code), the ballot cast
// anonymously over HTTP, and the credential kept in localStorage until it is used.
import { RSABSSA } from '@cloudflare/blindrsa-ts';

/** The variants the server may announce in `started` (its `blindVariant` setting), and the library's suite for each. */
const SUITES = {
  'RSABSSA-SHA384-PSS-Randomized': () => RSABSSA.SHA384.PSS.Randomized(),
  'RSABSSA-SHA384-PSS-Deterministic': () => RSABSSA.SHA384.PSS.Deterministic(),
};

/** The length of the random message a credential is made from (the server's BlindRsa uses the same). */
const MESSAGE_BYTES = 32;

export function suiteFor(variant) {
  const make = SUITES[variant];
  if (!make) throw new Error(`unsupported blind-signature variant: ${String(variant).slice(0, 60)}`);
  return make();
}

export function toBase64url(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw new Error('not base64');
  const plain = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(plain + '='.repeat((4 - (plain.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The vote's public key (X.509 SubjectPublicKeyInfo, base64, as `started` carries it) for RSA-PSS with SHA-384. */
export function importVoteKey(publicKeyBase64) {
  // extractable: the library reads n and e through exportKey('jwk')
  return crypto.subtle.importKey('spki', fromBase64(publicKeyBase64), { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
}

async function sha256Hex(...parts) {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The first 16 hex digits of SHA-256 over the key: the voter can compare it with the report's `publicKeyHash`. */
export async function keyFingerprint(publicKeyBase64) {
  return (await sha256Hex(fromBase64(publicKeyBase64))).slice(0, 16);
}

/** The receipt the server will answer for this credential: SHA-256("plenum-receipt:" || credential), 20 hex digits. */
export function expectedReceipt(credentialBase64url) {
  return sha256Hex(new TextEncoder().encode('plenum-receipt:'), fromBase64(credentialBase64url)).then((h) => h.slice(0, 20));
}

/**
 * RFC 9474 on the client: a random message, Prepare (the random prefix of the randomized variant), Blind with the
 * vote's key, the server's BlindSign through `blindSign(blindedMessageBase64url) → blindSignatureBase64url`, and
 * Finalize, which also checks the signature with WebCrypto's RSA-PSS. The credential is the prepared message.
 * @returns {{credential: string, signature: string, receipt: string}} base64url credential and signature
 */
export async function obtainCredential(vote, blindSign) {
  const suite = suiteFor(vote.variant);
  const key = await importVoteKey(vote.publicKey);
  const prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(MESSAGE_BYTES)));
  const { blindedMsg, inv } = await suite.blind(key, prepared);
  const blindSignature = fromBase64(await blindSign(toBase64url(blindedMsg)));
  const signature = await suite.finalize(key, prepared, blindSignature, inv);
  const credential = toBase64url(prepared);
  return { credential, signature: toBase64url(signature), receipt: await expectedReceipt(credential) };
}

/**
 * Casts a secret ballot with no identity: a request of its own, without cookies or Authorization, no referrer.
 * @returns the receipt the server answered, after checking that it is the one the credential gives
 */
export async function castSecretBallot(url, voteId, held, choice, fetcher = (...a) => fetch(...a)) {
  const res = await fetcher(url, {
    method: 'POST',
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ voteId, credential: held.credential, signature: held.signature, choice }),
  });
  let json = null;
  try {
    json = await res.json();
  } catch {
    // an answer that is not JSON is reported with its status below
  }
  if (!res.ok) {
    const e = new Error(json?.detail ?? json?.title ?? `the ballot was refused (HTTP ${res.status})`);
    e.status = res.status;
    throw e;
  }
  if (!json || json.receipt !== held.receipt) {
    throw new Error('the server answered a receipt that does not belong to this ballot');
  }
  return json.receipt;
}

/** Where a credential waits until it is used: localStorage, one entry per vote, removed when the vote has ended. */
export class CredentialStore {
  constructor(storage = globalThis.localStorage) {
    this.storage = storage;
  }

  key(voteId) {
    return `plenum-voting:${voteId}`;
  }

  get(voteId) {
    try {
      const raw = this.storage?.getItem(this.key(voteId));
      const held = raw ? JSON.parse(raw) : null;
      return held && typeof held.credential === 'string' && typeof held.signature === 'string' ? held : null;
    } catch {
      return null; // unreadable: as if there were none
    }
  }

  put(voteId, held) {
    try {
      this.storage?.setItem(this.key(voteId), JSON.stringify(held));
    } catch {
      // storage full or blocked: the credential still works in this page
    }
  }

  forget(voteId) {
    try {
      this.storage?.removeItem(this.key(voteId));
    } catch {
      // nothing to do
    }
  }
}
