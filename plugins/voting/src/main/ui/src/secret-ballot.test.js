// The blind-signature client in Node's WebCrypto. The server's role (BlindSign) is played by the library's own
// blindSign with a fresh key; that the Java server (org.plenum.voting.blind.BlindRsa) accepts what this client makes is
// proven end to end by WebClientVotingIT, where the server verifies each ballot's signature with the JDK.
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import {
  CredentialStore, castSecretBallot, expectedReceipt, fromBase64, importVoteKey, keyFingerprint, obtainCredential, suiteFor, toBase64url,
} from './secret-ballot.js';

async function voteKey() {
  const suite = RSABSSA.SHA384.PSS.Randomized();
  const keys = await suite.generateKey({ publicExponent: Uint8Array.from([1, 0, 1]), modulusLength: 2048 });
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
  return { suite, keys, publicKey: btoa(String.fromCharCode(...spki)) };
}

describe('obtainCredential', () => {
  it('blinds, lets the server sign blind, and finalizes a PSS signature over prefix || message that verifies', async () => {
    const { suite, keys, publicKey } = await voteKey();
    const seen = [];
    const held = await obtainCredential({ variant: 'RSABSSA-SHA384-PSS-Randomized', publicKey }, async (blinded) => {
      seen.push(blinded);
      return toBase64url(await suite.blindSign(keys.privateKey, fromBase64(blinded)));
    });
    const credential = fromBase64(held.credential);
    expect(credential).toHaveLength(64); // 32-byte random prefix || 32-byte message
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain(held.credential); // the server never sees the credential
    const key = await importVoteKey(publicKey);
    expect(await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 48 }, key, fromBase64(held.signature), credential)).toBe(true);
    expect(held.receipt).toBe(await expectedReceipt(held.credential));
    expect(held.receipt).toMatch(/^[0-9a-f]{20}$/);
  });

  it('refuses a blind signature made with another key', async () => {
    const { publicKey } = await voteKey();
    const other = await voteKey();
    await expect(obtainCredential({ variant: 'RSABSSA-SHA384-PSS-Randomized', publicKey }, async (blinded) =>
      toBase64url(await other.suite.blindSign(other.keys.privateKey, fromBase64(blinded))))).rejects.toThrow();
  });

  it('refuses variants the server does not use and keys that are not base64', async () => {
    expect(() => suiteFor('RSABSSA-SHA384-PSSZERO-Randomized')).toThrow('unsupported blind-signature variant');
    expect(() => suiteFor('x'.repeat(10_000))).toThrow(/^unsupported blind-signature variant: x{60}$/);
    expect(suiteFor('RSABSSA-SHA384-PSS-Deterministic').toString()).toBe('RSABSSA-SHA384-PSS-Deterministic');
    await expect(obtainCredential({ variant: 'RSABSSA-SHA384-PSS-Randomized', publicKey: '<script>' }, async () => '')).rejects.toThrow('not base64');
  });
});

describe('receipts and fingerprints', () => {
  it('computes the receipt as the server does: SHA-256("plenum-receipt:" || credential), 20 hex digits', async () => {
    // the expected value was computed with Python's hashlib over bytes 0..63
    const credential = toBase64url(Uint8Array.from({ length: 64 }, (_, i) => i));
    expect(credential).toBe('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-Pw');
    expect(await expectedReceipt(credential)).toBe('a68ca84fac305756c492');
  });

  it('fingerprints the key with SHA-256', async () => {
    expect(await keyFingerprint(btoa('abc'))).toBe('ba7816bf8f01cfea');
  });
});

describe('castSecretBallot', () => {
  let server;
  afterEach(() => server?.close());

  async function ballotBox(answer) {
    const requests = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        requests.push({ headers: req.headers, body: JSON.parse(body) });
        const [status, json] = answer(JSON.parse(body));
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
      });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${server.address().port}/api/v1/plugins/voting/ballots`, requests };
  }

  it('posts the ballot without any identity and checks the receipt it gets back', async () => {
    const held = { credential: 'AAEC', signature: 'AwQF', receipt: await expectedReceipt('AAEC') };
    const box = await ballotBox(() => [200, { voteId: 'v-1', receipt: held.receipt }]);
    expect(await castSecretBallot(box.url, 'v-1', held, 'yes')).toBe(held.receipt);
    expect(box.requests[0].body).toEqual({ voteId: 'v-1', credential: 'AAEC', signature: 'AwQF', choice: 'yes' });
    expect(box.requests[0].headers.authorization).toBeUndefined();
    expect(box.requests[0].headers.cookie).toBeUndefined();
  });

  it('reports the server\'s refusal, and a receipt that is not the credential\'s', async () => {
    const held = { credential: 'AAEC', signature: 'AwQF', receipt: await expectedReceipt('AAEC') };
    let box = await ballotBox(() => [409, { title: 'Conflict', detail: 'this ballot credential has been used already (credential_used)' }]);
    await expect(castSecretBallot(box.url, 'v-1', held, 'yes')).rejects.toMatchObject({ status: 409, message: expect.stringContaining('credential_used') });
    server.close();
    box = await ballotBox(() => [200, { receipt: '00000000000000000000' }]);
    await expect(castSecretBallot(box.url, 'v-1', held, 'yes')).rejects.toThrow('does not belong to this ballot');
  });
});

describe('CredentialStore', () => {
  function memory() {
    const m = new Map();
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), m };
  }

  it('keeps a credential per vote until it is forgotten, and treats damaged entries as none', () => {
    const storage = memory();
    const store = new CredentialStore(storage);
    store.put('v-1', { credential: 'a', signature: 'b', receipt: 'c' });
    expect(store.get('v-1')).toEqual({ credential: 'a', signature: 'b', receipt: 'c' });
    expect(store.get('v-2')).toBeNull();
    storage.setItem('plenum-voting:v-3', '{not json');
    expect(store.get('v-3')).toBeNull();
    storage.setItem('plenum-voting:v-4', JSON.stringify({ credential: 5 }));
    expect(store.get('v-4')).toBeNull();
    store.forget('v-1');
    expect(store.get('v-1')).toBeNull();
  });
});
