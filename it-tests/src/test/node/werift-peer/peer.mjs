// A WebRTC peer for Plenum's end-to-end tests, built on werift and driven over stdin/stdout.
//
// Every line on stdin is one JSON command, every line on stdout one JSON object: either the reply to a
// command ({"id": <the command's id>, "ok": true, ...} or {"id": ..., "ok": false, "error": "..."}) or an
// event ({"event": "...", ...}). Diagnostics go to stderr. The commands are listed in README.md beside
// this file. Networking is IPv4 loopback only: the only host candidate is 127.0.0.1, there are no
// STUN or TURN servers, and remote candidates on other addresses are dropped before werift sees them.
import os from "node:os";
import readline from "node:readline";
import { syncBuiltinESMExports } from "node:module";
import { readFileSync } from "node:fs";
import { OPUS_SILENCE_20MS, VP8_KEYFRAME_160x120 } from "./media.mjs";

// werift gathers a host candidate on every non-internal interface; this peer must use loopback alone,
// so it sees no interface at all and is given 127.0.0.1 as its one additional host address.
os.networkInterfaces = () => ({});
syncBuiltinESMExports(); // so that werift's `import { networkInterfaces } from "os"` sees it too

const { RTCPeerConnection, MediaStreamTrack, RtpPacket, RtpHeader, useOPUS, useVP8 } = await import("werift");
// werift's package exports do not include its package.json, so it is read from where npm put it
const weriftVersion = JSON.parse(readFileSync(new URL("./node_modules/werift/package.json", import.meta.url), "utf8")).version;

const LOOPBACK = "127.0.0.1";
const AUDIO_PACKET_MS = 20;
const VIDEO_FRAME_MS = 100;
const VP8_MAX_PAYLOAD = 1000; // bytes of VP8 data per RTP packet, well under a loopback or Ethernet MTU
const GATHERING_TIMEOUT_MS = 10_000;

/** @type {Map<string, Peer>} */
const peers = new Map();

function emit(object) {
  process.stdout.write(JSON.stringify(object) + "\n");
}

function log(message) {
  process.stderr.write(`werift-peer: ${message}\n`);
}

/** One RTCPeerConnection with what it sends and what it has received. */
class Peer {
  constructor(name, role) {
    this.name = name;
    this.role = role;
    this.pc = new RTCPeerConnection({
      iceServers: [],
      iceUseIpv4: true,
      iceUseIpv6: false,
      iceUseTcp: false,
      iceUseLinkLocalAddress: false,
      iceAdditionalHostAddresses: [LOOPBACK],
      iceInterfaceAddresses: { udp4: LOOPBACK },
      iceFilterCandidatePair: (pair) => pair.remoteCandidate.host === LOOPBACK,
      // one transport for every m-line, as an SFU (and the Plenum protocol) expects
      bundlePolicy: "max-bundle",
      codecs: { audio: [useOPUS()], video: [useVP8()] },
    });
    this.senders = []; // { kind, sender, timer, packets, bytes }
    this.received = new Map(); // key kind/ssrc -> ReceivedStream
    this.pc.connectionStateChange.subscribe((state) => {
      emit({ event: "connectionState", pc: name, state });
      if (state === "connected") {
        this.startSending();
      }
      if (state === "closed" || state === "failed") {
        this.stopSending();
      }
    });
    this.pc.iceConnectionStateChange.subscribe((state) => emit({ event: "iceConnectionState", pc: name, state }));
    // werift gives a receiver one track per remote SSRC, but the track event always carries the first of them:
    // when a re-offer puts a new SSRC on a transceiver (an SFU reusing an m-line), the event fires again with
    // the old track. So every track of the receiver is listened to, each once.
    const listening = new WeakSet();
    this.pc.ontrack = ({ track, transceiver }) => {
      emit({ event: "track", pc: name, kind: track.kind, mid: transceiver.mid });
      for (const t of [track, ...transceiver.receiver.tracks]) {
        if (!listening.has(t)) {
          listening.add(t);
          t.onReceiveRtp.subscribe((rtp) => this.onRtp(t.kind, transceiver, rtp));
        }
      }
    };
  }

  addSender(kind) {
    const track = new MediaStreamTrack({ kind });
    const transceiver = this.pc.addTransceiver(track, { direction: "sendonly" });
    this.senders.push({ kind, sender: transceiver.sender, timer: undefined, packets: 0, bytes: 0 });
  }

  addReceiver(kind) {
    this.pc.addTransceiver(kind, { direction: "recvonly" });
  }

  startSending() {
    for (const s of this.senders) {
      if (s.timer) {
        continue;
      }
      let seq = Math.floor(Math.random() * 0x10000);
      let timestamp = Math.floor(Math.random() * 0x100000000);
      const send = (payload, marker) => {
        const header = new RtpHeader({ sequenceNumber: seq, timestamp, marker, payloadType: 96 });
        seq = (seq + 1) & 0xffff;
        s.packets += 1;
        s.bytes += payload.length;
        s.sender.sendRtp(new RtpPacket(header, payload)).catch((e) => log(`${this.name}: send ${s.kind}: ${e}`));
      };
      if (s.kind === "audio") {
        s.timer = setInterval(() => {
          send(OPUS_SILENCE_20MS, false);
          timestamp = (timestamp + 48 * AUDIO_PACKET_MS) >>> 0;
        }, AUDIO_PACKET_MS);
      } else {
        s.timer = setInterval(() => {
          // RFC 7741: a one-byte payload descriptor, S (start of partition) set on the first packet
          for (let offset = 0; offset < VP8_KEYFRAME_160x120.length; offset += VP8_MAX_PAYLOAD) {
            const chunk = VP8_KEYFRAME_160x120.subarray(offset, offset + VP8_MAX_PAYLOAD);
            const last = offset + VP8_MAX_PAYLOAD >= VP8_KEYFRAME_160x120.length;
            send(Buffer.concat([Buffer.from([offset === 0 ? 0x10 : 0x00]), chunk]), last);
          }
          timestamp = (timestamp + 90 * VIDEO_FRAME_MS) >>> 0;
        }, VIDEO_FRAME_MS);
      }
    }
  }

  stopSending() {
    for (const s of this.senders) {
      clearInterval(s.timer);
      s.timer = undefined;
    }
  }

  onRtp(kind, transceiver, rtp) {
    const key = `${kind}/${rtp.header.ssrc}`;
    let stream = this.received.get(key);
    if (!stream) {
      stream = new ReceivedStream(kind, rtp.header.ssrc, rtp.header.payloadType, transceiver);
      this.received.set(key, stream);
    }
    stream.add(rtp);
  }

  async localDescription() {
    if (this.pc.iceGatheringState !== "complete") {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`ICE gathering not complete after ${GATHERING_TIMEOUT_MS} ms`)), GATHERING_TIMEOUT_MS);
        const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
          if (state === "complete") {
            clearTimeout(timer);
            unSubscribe();
            resolve();
          }
        });
        if (this.pc.iceGatheringState === "complete") {
          clearTimeout(timer);
          unSubscribe();
          resolve();
        }
      });
    }
    const { type, sdp } = this.pc.localDescription;
    return { type, sdp };
  }

  stats() {
    return {
      pc: this.name,
      role: this.role,
      atMs: performance.now(),
      connectionState: this.pc.connectionState,
      iceConnectionState: this.pc.iceConnectionState,
      sent: this.senders.map((s) => ({ kind: s.kind, ssrc: s.sender.ssrc, packets: s.packets, bytes: s.bytes })),
      received: [...this.received.values()].map((r) => r.summary()),
    };
  }

  close() {
    this.stopSending();
    return this.pc.close();
  }
}

/**
 * What arrived on one SSRC. Every packet counted here passed SRTP authentication and decryption (werift
 * drops the others before they reach a track), so {@code decrypted} equals {@code packets}. Sequence numbers
 * are extended past 16 bits to tell losses, duplicates and reordering apart. For video (VP8, the only video
 * codec this peer negotiates) it also finds key frames and remembers, for the last few, where they sat in the
 * stream: the sequence number and timestamp of the packet received just before, and the frame size.
 */
class ReceivedStream {
  constructor(kind, ssrc, payloadType, transceiver) {
    this.kind = kind;
    this.ssrc = ssrc;
    this.payloadType = payloadType;
    this.transceiver = transceiver;
    this.packets = 0;
    this.bytes = 0;
    this.firstSeq = undefined;
    this.highest = undefined; // extended
    this.highestTimestamp = undefined; // of the packet with the highest sequence number
    this.seen = new Set(); // extended sequence numbers
    this.duplicates = 0;
    this.outOfOrder = 0;
    this.maxReorder = 0; // how far behind the highest an out-of-order packet came, in sequence numbers
    this.timestampsBackwards = 0; // packets newer by sequence number but older by timestamp
    this.markers = 0;
    this.keyframes = 0;
    this.keyframeLog = []; // the last KEYFRAME_LOG key frames
    this.firstAtMs = undefined;
    this.lastAtMs = undefined;
  }

  add(rtp) {
    const seq = rtp.header.sequenceNumber;
    const timestamp = rtp.header.timestamp;
    const atMs = performance.now();
    this.packets += 1;
    this.bytes += rtp.payload.length;
    this.firstAtMs ??= atMs;
    this.lastAtMs = atMs;
    if (rtp.header.marker) {
      this.markers += 1;
    }
    let ext;
    if (this.highest === undefined) {
      this.firstSeq = seq;
      ext = seq;
      this.firstExt = ext;
    } else {
      // the extended number nearest to the highest one seen
      const cycle = this.highest - (this.highest & 0xffff);
      const candidates = [cycle - 0x10000 + seq, cycle + seq, cycle + 0x10000 + seq];
      ext = candidates.reduce((a, b) => (Math.abs(b - this.highest) < Math.abs(a - this.highest) ? b : a));
    }
    if (this.seen.has(ext)) {
      this.duplicates += 1;
      return;
    }
    this.seen.add(ext);
    if (this.kind === "video") {
      const keyframe = vp8Keyframe(rtp.payload);
      if (keyframe) {
        this.keyframes += 1;
        this.keyframeLog.push({
          seq, timestamp, atMs: Math.round(atMs), width: keyframe.width, height: keyframe.height,
          previousSeq: this.highest === undefined ? undefined : this.highest & 0xffff,
          previousTimestamp: this.highestTimestamp,
        });
        if (this.keyframeLog.length > KEYFRAME_LOG) {
          this.keyframeLog.shift();
        }
      }
    }
    if (this.highest !== undefined && ext < this.highest) {
      this.outOfOrder += 1;
      this.maxReorder = Math.max(this.maxReorder, this.highest - ext);
    }
    if (this.highest === undefined || ext > this.highest) {
      if (this.highestTimestamp !== undefined && ((timestamp - this.highestTimestamp) | 0) < 0) {
        this.timestampsBackwards += 1;
      }
      this.highest = ext;
      this.highestTimestamp = timestamp;
    }
    if (ext < this.firstExt) {
      this.firstExt = ext;
    }
  }

  summary() {
    const expected = this.highest === undefined ? 0 : this.highest - this.firstExt + 1;
    return {
      kind: this.kind,
      ssrc: this.ssrc,
      mid: this.transceiver?.mid,
      payloadType: this.payloadType,
      packets: this.packets,
      decrypted: this.packets,
      bytes: this.bytes,
      markers: this.markers,
      firstSeq: this.firstSeq,
      lastSeq: this.highest === undefined ? undefined : this.highest & 0xffff,
      expected,
      missing: expected - this.seen.size,
      duplicates: this.duplicates,
      outOfOrder: this.outOfOrder,
      maxReorder: this.maxReorder,
      timestampsBackwards: this.timestampsBackwards,
      keyframes: this.keyframes,
      keyframeLog: this.keyframeLog,
      firstAtMs: this.firstAtMs === undefined ? undefined : Math.round(this.firstAtMs),
      lastAtMs: this.lastAtMs === undefined ? undefined : Math.round(this.lastAtMs),
    };
  }
}

/** How many key frames a received stream remembers (with their place in the stream). */
const KEYFRAME_LOG = 32;

/**
 * The frame size when this RTP payload starts a VP8 key frame, else undefined. RFC 7741: the payload
 * descriptor (4.2) has S set and partition index 0 on the first packet of a frame; the VP8 payload header
 * (4.3) after it has the P bit (inverse key frame flag) clear on a key frame, whose 10 bytes start with the
 * 3-byte frame tag, the start code 9d 01 2a and 14-bit width and height (RFC 6386 9.1).
 */
function vp8Keyframe(payload) {
  if (payload.length < 1) {
    return undefined;
  }
  const first = payload[0];
  const extended = (first & 0x80) !== 0;
  const start = (first & 0x10) !== 0;
  const partition = first & 0x07;
  if (!start || partition !== 0) {
    return undefined;
  }
  let offset = 1;
  if (extended) {
    if (payload.length < 2) {
      return undefined;
    }
    const x = payload[1];
    offset = 2;
    if (x & 0x80) { // I: PictureID, 7 or 15 bits
      if (payload.length <= offset) {
        return undefined;
      }
      offset += payload[offset] & 0x80 ? 2 : 1;
    }
    if (x & 0x40) { // L: TL0PICIDX
      offset += 1;
    }
    if (x & 0x30) { // T or K: TID/Y/KEYIDX
      offset += 1;
    }
  }
  if (payload.length < offset + 10 || (payload[offset] & 0x01) !== 0) {
    return undefined;
  }
  if (payload[offset + 3] !== 0x9d || payload[offset + 4] !== 0x01 || payload[offset + 5] !== 0x2a) {
    return undefined;
  }
  return {
    width: payload.readUInt16LE(offset + 6) & 0x3fff,
    height: payload.readUInt16LE(offset + 8) & 0x3fff,
  };
}

/** Keeps the remote candidates on 127.0.0.1 (UDP); says how many others it dropped. */
function loopbackOnly(sdp) {
  let dropped = 0;
  const lines = sdp.split(/\r?\n/).filter((line) => {
    if (!line.startsWith("a=candidate:")) {
      return true;
    }
    const parts = line.split(" ");
    const keep = parts[2]?.toLowerCase() === "udp" && parts[4] === LOOPBACK;
    if (!keep) {
      dropped += 1;
    }
    return keep;
  });
  return { sdp: lines.join("\r\n"), dropped };
}

function peer(command) {
  const p = peers.get(command.pc);
  if (!p) {
    throw new Error(`no peer connection named ${JSON.stringify(command.pc)}; create it with publish or subscribe first`);
  }
  return p;
}

function create(command, role) {
  if (typeof command.pc !== "string" || command.pc === "") {
    throw new Error("pc (a name for the peer connection) is missing");
  }
  if (peers.has(command.pc)) {
    throw new Error(`a peer connection named ${command.pc} exists already`);
  }
  const p = new Peer(command.pc, role);
  peers.set(command.pc, p);
  return p;
}

const commands = {
  /** A connection that sends: {"pc", "audio": bool, "video": bool}; media flows once it is connected. */
  publish(command) {
    const p = create(command, "publish");
    if (command.audio) {
      p.addSender("audio");
    }
    if (command.video) {
      p.addSender("video");
    }
    return {};
  },
  /** A connection that receives: {"pc", "audio": bool, "video": bool} recvonly transceivers for an offer of its own. */
  subscribe(command) {
    const p = create(command, "subscribe");
    if (command.audio) {
      p.addReceiver("audio");
    }
    if (command.video) {
      p.addReceiver("video");
    }
    return {};
  },
  async createOffer(command) {
    const p = peer(command);
    await p.pc.setLocalDescription(await p.pc.createOffer());
    return p.localDescription();
  },
  async createAnswer(command) {
    const p = peer(command);
    await p.pc.setLocalDescription(await p.pc.createAnswer());
    return p.localDescription();
  },
  async setRemoteDescription(command) {
    const p = peer(command);
    if (command.type !== "offer" && command.type !== "answer") {
      throw new Error(`type must be offer or answer, not ${JSON.stringify(command.type)}`);
    }
    const { sdp, dropped } = loopbackOnly(String(command.sdp ?? ""));
    await p.pc.setRemoteDescription({ type: command.type, sdp });
    return { droppedCandidates: dropped };
  },
  stats(command) {
    if (command.pc === undefined) {
      return { peers: [...peers.values()].map((p) => p.stats()) };
    }
    return peer(command).stats();
  },
  async close(command) {
    const p = peer(command);
    peers.delete(command.pc);
    await p.close();
    return {};
  },
  async exit() {
    await Promise.allSettled([...peers.values()].map((p) => p.close()));
    setImmediate(() => process.exit(0));
    return {};
  },
};

const input = readline.createInterface({ input: process.stdin });
input.on("line", async (line) => {
  if (line.trim() === "") {
    return;
  }
  let command;
  try {
    command = JSON.parse(line);
  } catch (e) {
    emit({ event: "error", error: `not a JSON line: ${e.message}` });
    return;
  }
  const handler = Object.hasOwn(commands, command.cmd) ? commands[command.cmd] : undefined;
  if (!handler) {
    emit({ id: command.id, ok: false, error: `unknown command ${JSON.stringify(command.cmd)}; known: ${Object.keys(commands).join(", ")}` });
    return;
  }
  try {
    emit({ id: command.id, ok: true, ...(await handler(command)) });
  } catch (e) {
    emit({ id: command.id, ok: false, error: String(e?.message ?? e) });
  }
});
// the test that started this peer is gone: stop, whatever is still connected
input.on("close", () => process.exit(0));

emit({ event: "ready", node: process.version, werift: weriftVersion });
