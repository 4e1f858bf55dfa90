// A minimal Plenum media client for end-to-end tests: joins through the real signaling, publishes the
// fake camera and microphone (simulcast optional) on a publish PeerConnection, answers the server's
// subscribe offers on a second one, and reports getStats() per remote participant. Driven by Selenium.
'use strict';

(function () {
  const state = {
    ws: null, participantId: null, joined: null, frames: [], errors: [],
    pub: null, sub: null, localStream: null, tracksByMid: {}, offerChain: Promise.resolve(),
    pending: new Map(), nextId: 1, offersAnswered: 0, firstFrames: [], joinStartedAt: null, timeline: [],
  };

  function mark(what) {
    state.timeline.push({ what, ms: Math.round(performance.now() - (state.joinStartedAt || 0)) });
  }

  function log(kind, data) {
    state.frames.push({ at: Date.now(), kind, data });
    if (state.frames.length > 500) state.frames.shift();
  }

  function send(ns, type, body) {
    const id = 'c-' + (state.nextId++);
    const frame = { ns, type, id, body: body || {} };
    state.ws.send(JSON.stringify(frame));
    return new Promise((resolve, reject) => state.pending.set(id, { resolve, reject }));
  }

  function onFrame(ev) {
    const f = JSON.parse(ev.data);
    log('in', { ns: f.ns, type: f.type });
    if (f.re && state.pending.has(f.re)) {
      const p = state.pending.get(f.re);
      state.pending.delete(f.re);
      if (f.type === 'error') p.reject(new Error(f.body.code + ': ' + f.body.message)); else p.resolve(f);
    }
    if (f.type === 'error') state.errors.push(f.body);
    if (f.ns === 'media' && f.type === 'offer') {
      state.offerChain = state.offerChain.then(() => answerOffer(f.body)).catch(e => state.errors.push({ code: 'client', message: String(e) }));
    }
    if (f.ns === 'media' && f.type === 'dominant_speaker') state.dominant = f.body.participantId;
  }

  async function answerOffer(body) {
    mark('offer ' + body.version);
    if (!state.sub) {
      state.sub = new RTCPeerConnection({ iceServers: [] });
      state.sub.ontrack = (e) => attach(e);
      state.sub.onconnectionstatechange = () => mark('sub ' + state.sub.connectionState);
      state.sub.oniceconnectionstatechange = () => mark('sub ice ' + state.sub.iceConnectionState);
    }
    body.tracks.forEach(t => { state.tracksByMid[t.mid] = t; });
    await state.sub.setRemoteDescription({ type: 'offer', sdp: body.sdp });
    const answer = await state.sub.createAnswer();
    await state.sub.setLocalDescription(answer);
    await send('media', 'answer', { sdp: state.sub.localDescription.sdp, version: body.version });
    mark('answered ' + body.version);
    state.offersAnswered++;
  }

  function attach(e) {
    const mid = e.transceiver.mid;
    const el = document.createElement(e.track.kind === 'video' ? 'video' : 'audio');
    el.autoplay = true; el.muted = e.track.kind === 'video'; el.playsInline = true;
    el.dataset.mid = mid;
    el.srcObject = new MediaStream([e.track]);
    if (e.track.kind === 'video' && el.requestVideoFrameCallback) {
      // when this transceiver's first frame is shown: the page's own clock, not the test's polling
      el.requestVideoFrameCallback(() => {
        const t = state.tracksByMid[mid] || {};
        state.firstFrames.push({ mid, participantId: t.participantId, source: t.source, at: performance.now() });
        mark('first frame ' + mid);
      });
    }
    document.getElementById('tiles').appendChild(el);
  }

  async function join(opts) {
    state.joinStartedAt = performance.now();
    state.ws = new WebSocket(opts.signalingUrl);
    state.ws.onmessage = onFrame;
    state.ws.onclose = (e) => log('close', { code: e.code, reason: e.reason });
    await new Promise((resolve, reject) => { state.ws.onopen = resolve; state.ws.onerror = () => reject(new Error('socket failed')); });
    mark('join');
    const joined = await send('control', 'join', { ticket: opts.ticket, displayName: opts.displayName || 'tester' });
    if (joined.type !== 'joined') throw new Error('not joined: ' + joined.type);
    state.joined = joined.body;
    state.participantId = joined.body.participantId;
    mark('joined');
    return state.participantId;
  }

  async function publish(opts) {
    state.localStream = await navigator.mediaDevices.getUserMedia({
      audio: opts.audio !== false,
      video: opts.video === false ? false : { width: 1280, height: 720, frameRate: 15 },
    });
    const pc = new RTCPeerConnection({ iceServers: [] });
    state.pub = pc;
    const sources = {};
    const audio = state.localStream.getAudioTracks()[0];
    const video = state.localStream.getVideoTracks()[0];
    const tAudio = audio ? pc.addTransceiver(audio, { direction: 'sendonly' }) : null;
    const tVideo = video ? pc.addTransceiver(video, {
      direction: 'sendonly',
      sendEncodings: opts.simulcast ? [
        { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150000 },
        { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500000 },
        { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 1500000 },
      ] : undefined,
    }) : null;
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    if (tAudio) sources[tAudio.mid] = 'microphone';
    if (tVideo) sources[tVideo.mid] = 'camera';
    const answer = await send('media', 'publish', { sdp: pc.localDescription.sdp, sources });
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.body.sdp });
    return Object.keys(sources).length;
  }

  /**
   * Starts a "screen share": a moving canvas as a second video source on the same publish connection,
   * negotiated by publishing again (the engine then re-offers it to everyone as source "screen").
   */
  async function shareScreen() {
    const canvas = document.createElement('canvas');
    canvas.width = 1280; canvas.height = 720;
    const ctx = canvas.getContext('2d');
    let frame = 0;
    state.screenTimer = setInterval(() => {
      ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 1280, 720);
      ctx.fillStyle = '#036'; ctx.font = '64px sans-serif';
      ctx.fillText('Tagesordnung, Punkt ' + (++frame), 40, 120);
    }, 66);
    const track = canvas.captureStream(15).getVideoTracks()[0];
    const pc = state.pub;
    const t = pc.addTransceiver(track, { direction: 'sendonly' });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const sources = {};
    pc.getTransceivers().forEach(tr => {
      if (!tr.mid || !tr.sender.track) return;
      sources[tr.mid] = tr === t ? 'screen' : (tr.sender.track.kind === 'audio' ? 'microphone' : 'camera');
    });
    const answer = await send('media', 'publish', { sdp: pc.localDescription.sdp, sources });
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.body.sdp });
    return t.mid;
  }

  /** Inbound stats per remote participant and source, from the subscribe connection. */
  async function stats() {
    const out = [];
    if (!state.sub) return out;
    const report = await state.sub.getStats();
    report.forEach(s => {
      if (s.type !== 'inbound-rtp') return;
      const t = state.tracksByMid[s.mid] || {};
      out.push({
        kind: s.kind, mid: s.mid, participantId: t.participantId, source: t.source,
        packetsReceived: s.packetsReceived || 0, bytesReceived: s.bytesReceived || 0, packetsLost: s.packetsLost || 0,
        framesDecoded: s.framesDecoded || 0, frameWidth: s.frameWidth || 0, frameHeight: s.frameHeight || 0,
        keyFramesDecoded: s.keyFramesDecoded || 0,
        totalSamplesReceived: s.totalSamplesReceived || 0, audioLevel: s.audioLevel || 0,
        totalAudioEnergy: s.totalAudioEnergy || 0,
      });
    });
    return out;
  }

  async function publishStats() {
    const out = [];
    if (!state.pub) return out;
    (await state.pub.getStats()).forEach(s => {
      if (s.type === 'outbound-rtp') out.push({ kind: s.kind, rid: s.rid, bytesSent: s.bytesSent, frameWidth: s.frameWidth || 0 });
    });
    return out;
  }

  window.plenum = {
    state, join, publish, shareScreen, stats, publishStats, send,
    /** Milliseconds from join() to the first shown frame of each remote video, by participant and source. */
    firstFrameDelays: () => state.firstFrames.map(f => ({ participantId: f.participantId, source: f.source, ms: f.at - state.joinStartedAt })),
    connectionStates: () => ({
      pub: state.pub ? state.pub.connectionState : 'none', sub: state.sub ? state.sub.connectionState : 'none',
    }),
    view: (tiles) => send('media', 'view', { tiles }),
    audioOnly: (enabled) => send('media', 'audio_only', { enabled }),
    leave: async () => {
      try { await send('control', 'leave', {}); } catch (e) { /* the socket closes */ }
      if (state.pub) state.pub.close();
      if (state.sub) state.sub.close();
    },
  };
})();
