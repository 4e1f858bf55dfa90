// One room's vote as this person sees it, shared by the panel and the notice of the same host: the open vote,
// the person's own state in it (eligible, voted, receipt, secret credential), what moderators see (roster, faults,
// kinds), and the last result. Fed by the join snapshot and the `voting` frames (docs/plugins/voting.md, "Messages").
import { PluginStore } from '@plenum/plugin-kit';
import { CredentialStore, castSecretBallot, keyFingerprint, obtainCredential } from './secret-ballot.js';

/** The only place secret ballots go: the plugin's public route on this server. */
export const BALLOT_URL = '/api/v1/plugins/voting/ballots';

export class VoteStore extends PluginStore {
  constructor(host, credentials = new CredentialStore()) {
    super();
    this.host = host;
    this.credentials = credentials;
    this.vote = null; // the open vote (`started`.vote)
    this.you = null; // `you`
    this.kinds = null; // [{kind, available, reason?}] (moderators)
    this.roster = null; // [{name, eligible, reason}] (moderators)
    this.faults = []; // fault reports of the open vote (moderators)
    this.closing = false;
    this.myReceipt = null; // the receipt of this person's ballot in the open vote
    this.secret = { state: 'none', message: '', fingerprint: '' }; // none | fetching | ready | cast | lost | failed
    this.last = null; // {result, vote, myReceipt}
    this.panels = 0; // panels of this host in the page (the client mounts the panel only while it is open)
    const snapshot = host.joinData;
    if (snapshot && !snapshot.loading) this.apply(snapshot, false);
    host.onMessage((type, body) => this.onMessage(type, body));
  }

  /** A join snapshot, `started` or `state`: {vote, you, kinds?, roster?, faults?}. */
  apply(snapshot, announce) {
    if (Array.isArray(snapshot.kinds)) this.kinds = snapshot.kinds;
    const vote = snapshot.vote ?? null;
    const fresh = vote && (!this.vote || this.vote.voteId !== vote.voteId);
    this.vote = vote;
    this.you = vote ? snapshot.you ?? null : null;
    this.roster = vote && Array.isArray(snapshot.roster) ? snapshot.roster : null;
    this.faults = vote && Array.isArray(snapshot.faults) ? snapshot.faults : [];
    this.closing = false;
    if (fresh) {
      this.myReceipt = this.you?.receipt ?? null;
      this.secret = { state: 'none', message: '', fingerprint: '' };
      if (announce) this.host.notify(this.host.t('started', { question: vote.question }), { assertive: true });
    } else if (this.you?.receipt) {
      this.myReceipt = this.you.receipt;
    }
    if (vote && vote.kind === 'secret') void this.prepareSecret();
  }

  onMessage(type, body) {
    const t = this.host.t;
    switch (type) {
      case 'started':
      case 'state':
        this.apply(body, type === 'started');
        break;
      case 'progress':
        if (!this.vote || body.voteId !== this.vote.voteId) return;
        this.vote = { ...this.vote, eligible: body.eligible, cast: body.cast, counts: body.counts ?? this.vote.counts,
          named: body.named ?? this.vote.named, credentials: body.credentials ?? this.vote.credentials };
        break;
      case 'you':
        if (!this.vote || body.voteId !== this.vote.voteId) return;
        this.you = body;
        if (body.receipt) this.myReceipt = body.receipt;
        if (this.vote.kind === 'secret') void this.prepareSecret();
        break;
      case 'chair_changed':
        this.host.notify(t('chairChanged', { name: body.chair ?? '' }));
        break;
      case 'closing':
        if (this.vote && body.voteId === this.vote.voteId) this.closing = true;
        break;
      case 'close_failed':
        this.closing = false;
        this.host.notify(t('closeFailed', { message: body.message ?? '' }), { assertive: true });
        break;
      case 'closed':
        this.closed(body);
        break;
      case 'fault_reported':
        this.faults = [...this.faults, body];
        this.host.notify(t('faultReported', { name: body.reporter, kind: t(`fault_${body.kind}`) }), { assertive: true });
        break;
      default:
        return;
    }
    this.changed();
  }

  closed(result) {
    const vote = this.vote && this.vote.voteId === result.voteId ? this.vote : null;
    this.last = { result, vote, myReceipt: vote ? this.myReceipt : null };
    this.host.notify(this.host.t('closed', { question: result.question }), { assertive: true });
    this.credentials.forget(result.voteId);
    if (vote) {
      this.vote = null;
      this.you = null;
      this.roster = null;
      this.faults = [];
      this.closing = false;
      this.myReceipt = null;
      this.secret = { state: 'none', message: '', fingerprint: '' };
    }
  }

  /**
   * A secret vote: fetch the credential now, when the vote starts (all eligible clients at once), not when the
   * person clicks: a credential fetched right before its ballot would link the two by time (docs, "Time and order").
   */
  async prepareSecret() {
    const vote = this.vote;
    const you = this.you;
    if (!vote || vote.kind !== 'secret' || !you || !you.eligible) return;
    if (['fetching', 'ready', 'cast'].includes(this.secret.state)) return;
    if (!this.secret.fingerprint) {
      keyFingerprint(vote.publicKey).then((f) => {
        if (this.vote === vote) {
          this.secret = { ...this.secret, fingerprint: f };
          this.changed();
        }
      }, () => {});
    }
    const held = this.credentials.get(vote.voteId);
    if (held) {
      this.secret = { ...this.secret, state: held.cast ? 'cast' : 'ready' };
      if (held.cast) this.myReceipt = held.receipt;
      this.changed();
      return;
    }
    if (you.credentialIssued) {
      this.secret = { ...this.secret, state: 'lost' };
      this.changed();
      return;
    }
    this.secret = { ...this.secret, state: 'fetching', message: '' };
    this.changed();
    try {
      const got = await obtainCredential(vote, async (blindedMessage) => {
        const answer = await this.host.request('credential', { voteId: vote.voteId, blindedMessage });
        return answer.body.blindSignature;
      });
      this.credentials.put(vote.voteId, { ...got, cast: false });
      if (this.vote === vote || this.vote?.voteId === vote.voteId) this.secret = { ...this.secret, state: 'ready' };
    } catch (e) {
      if (this.vote?.voteId === vote.voteId) this.secret = { ...this.secret, state: 'failed', message: messageOf(e) };
    }
    this.changed();
  }

  /** Casts this person's ballot: over the socket (roll call, pseudonymous), or anonymously over HTTP (secret). */
  async cast(choice) {
    const vote = this.vote;
    if (vote.kind === 'secret') {
      const held = this.credentials.get(vote.voteId);
      if (!held) throw new Error(this.host.t('credentialLost'));
      const receipt = await castSecretBallot(BALLOT_URL, vote.voteId, held, choice);
      this.credentials.put(vote.voteId, { ...held, cast: true });
      this.secret = { ...this.secret, state: 'cast' };
      this.myReceipt = receipt;
    } else {
      const answer = await this.host.request('cast', { voteId: vote.voteId, choice });
      this.myReceipt = answer.body.receipt;
      this.you = { ...this.you, voted: true, receipt: answer.body.receipt };
    }
    this.changed();
    return this.myReceipt;
  }

  voted() {
    if (!this.vote) return false;
    return this.vote.kind === 'secret' ? this.secret.state === 'cast' : !!this.you?.voted;
  }

  /** A panel is shown; the returned function says it is gone. */
  panelShown() {
    this.panels++;
    queueMicrotask(() => this.changed());
    return () => {
      this.panels--;
      this.changed();
    };
  }

}

export function messageOf(e) {
  return e && e.message ? e.message : String(e);
}
