// Recording yourself: MediaRecorder in the timer bar, uploaded in numbered chunks while it records,
// and playback tools (speed, jump to a reveal) on every recording player.
(() => {
  "use strict";
  if (window.mockloopRecorder) return;

  // A closed tab loses at most one timeslice: MediaRecorder hands over a chunk this often.
  const TIMESLICE_MS = 2000;
  const RETRY_MS = [500, 1000, 2000, 4000, 8000, 15000];
  const MIME_TYPES = {
    audio: ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"],
    video: ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"],
  };
  const SPEEDS = ["1", "1.25", "1.5", "2"];

  const byId = (id) => document.getElementById(id);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const fmt = (seconds) => {
    const s = Math.floor(Math.max(0, seconds));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const pad = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
  };
  const prefs = {
    get(key, fallback) { try { return localStorage.getItem(`mockloop.${key}`) ?? fallback; } catch (_) { return fallback; } },
    set(key, value) { try { localStorage.setItem(`mockloop.${key}`, value); } catch (_) { /* private mode */ } },
  };

  async function detail(response) {
    try { return (await response.json()).detail || `the server said ${response.status}`; }
    catch (_) { return `the server said ${response.status}`; }
  }

  // --- recording ---------------------------------------------------------------------------

  let current = null; // the recording in progress: {state, recorder, stream, rec, seq, queue, ...}
  let lastTimerState = null;

  function say(text, isError = false) {
    const status = byId("recorder-status");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("error", isError);
  }

  function activeSeconds(s) {
    const running = s.resumedAt !== null ? performance.now() - s.resumedAt : 0;
    return (s.activeMs + running) / 1000;
  }

  function render() {
    const box = byId("recorder");
    if (!box) return;
    const s = current;
    const toggle = byId("recorder-toggle");
    const indicator = byId("recorder-indicator");
    box.dataset.state = s ? s.state : "idle";
    toggle.textContent = !s ? "● Record" : s.state === "starting" ? "Starting…" : s.state === "stopping" ? "Saving…" : "■ Stop recording";
    toggle.disabled = Boolean(s) && (s.state === "starting" || s.state === "stopping");
    toggle.classList.toggle("recording", Boolean(s));
    byId("recorder-kind").disabled = Boolean(s);
    indicator.hidden = !s || s.state === "starting";
    tick();
  }

  function tick() {
    const s = current;
    if (!s || !s.rec) return;
    byId("recorder-elapsed").textContent = fmt(activeSeconds(s));
    const label = s.state === "paused" ? "REC paused" : s.state === "stopping" ? "saving" : "REC";
    const pending = s.queue.length + (s.uploading ? 1 : 0);
    byId("recorder-label").textContent = pending > 2 ? `${label} (uploading ${pending})` : label;
  }
  setInterval(tick, 250);

  function stopTracks(s) {
    if (s.stream) s.stream.getTracks().forEach((track) => track.stop());
    const preview = byId("recorder-preview");
    if (preview) { preview.srcObject = null; preview.hidden = true; }
  }

  async function start(kind) {
    const box = byId("recorder");
    if (current || !box) return;
    const mimeType = (MIME_TYPES[kind] || []).find((t) => MediaRecorder.isTypeSupported(t));
    if (!mimeType) { say("This browser cannot record WebM, Ogg or MP4.", true); return; }
    const s = { state: "starting", kind, queue: [], seq: 0, uploading: false, activeMs: 0, resumedAt: null, failed: false };
    current = s;
    say("");
    render();
    const constraints = kind === "video"
      ? { audio: true, video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } } }
      : { audio: true };
    try {
      s.stream = await navigator.mediaDevices.getUserMedia(constraints);
    } catch (err) {
      current = null;
      render();
      const what = kind === "video" ? "camera and microphone" : "microphone";
      say(err.name === "NotAllowedError" ? `Recording is blocked: allow the ${what} for this site in the browser.`
        : err.name === "NotFoundError" ? `No ${what} found.` : `Could not start recording: ${err.message}`, true);
      return;
    }
    let response = null;
    try {
      response = await fetch(`/api/v1/attempts/${box.dataset.attempt}/recordings`, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ kind, mime_type: mimeType }),
      });
    } catch (_) { /* reported below */ }
    if (!response || !response.ok) {
      stopTracks(s);
      current = null;
      render();
      say(response ? await detail(response) : "Could not reach mockloop to start recording.", true);
      return;
    }
    s.rec = await response.json();
    s.recorder = new MediaRecorder(s.stream, { mimeType, audioBitsPerSecond: 64000, videoBitsPerSecond: 1000000 });
    s.recorder.addEventListener("dataavailable", (event) => { if (event.data && event.data.size) enqueue(s, event.data); });
    s.recorder.addEventListener("stop", () => finish(s));
    s.recorder.addEventListener("error", (event) => fail(s, `The recorder failed: ${event.error ? event.error.message : "unknown error"}`));
    s.recorder.start(TIMESLICE_MS);
    s.state = "recording";
    s.resumedAt = performance.now();
    if (kind === "video") {
      const preview = byId("recorder-preview");
      preview.srcObject = s.stream;
      preview.hidden = false;
      preview.play().catch(() => {});
    }
    render();
    syncWithTimer();
  }

  function stop() {
    const s = current;
    if (!s || s.state === "starting" || s.state === "stopping") return;
    if (s.resumedAt !== null) { s.activeMs += performance.now() - s.resumedAt; s.resumedAt = null; }
    s.state = "stopping";
    render();
    if (s.recorder.state !== "inactive") s.recorder.stop(); // hands over the last chunk, then "stop"
    else finish(s);
  }

  function enqueue(s, blob) {
    const max = s.rec.max_chunk_bytes;
    for (let at = 0; at < blob.size; at += max) s.queue.push(blob.slice(at, at + max));
    pump(s);
  }

  async function pump(s) {
    if (s.uploading) return;
    s.uploading = true;
    while (s.queue.length && !s.failed) {
      if (!(await upload(s, s.queue[0]))) break;
      s.queue.shift();
      s.seq += 1;
    }
    s.uploading = false;
    if ((s.queue.length === 0 || s.failed) && s.drained) { const done = s.drained; s.drained = null; done(); }
  }

  async function upload(s, piece) {
    const url = `/api/v1/attempts/${s.rec.attempt_id}/recordings/${s.rec.id}/chunks/${s.seq}`;
    for (let attempt = 0; ; attempt += 1) {
      let response = null;
      try {
        // keepalive lets a small last chunk outlive the page; the browser caps it at 64 kB.
        response = await fetch(url, {
          method: "PUT", headers: { "Content-Type": "application/octet-stream" }, body: piece, keepalive: piece.size < 60000,
        });
      } catch (_) { /* network error: retried below */ }
      if (response && response.ok) return true;
      if (response && response.status < 500) { fail(s, await detail(response)); return false; }
      if (attempt >= RETRY_MS.length) { fail(s, "Could not reach mockloop to save the recording; what was saved so far is kept."); return false; }
      await sleep(RETRY_MS[attempt]);
    }
  }

  function fail(s, message) {
    if (s.failed) return;
    s.failed = true;
    s.message = message;
    say(`Recording stopped: ${message}`, true);
    if (current === s && s.state !== "stopping") stop();
  }

  async function finish(s) {
    if (s.finishing) return;
    s.finishing = true;
    stopTracks(s);
    if (s.uploading || (s.queue.length && !s.failed)) await new Promise((resolve) => { s.drained = resolve; });
    let saved = null;
    try {
      const response = await fetch(`/api/v1/attempts/${s.rec.attempt_id}/recordings/${s.rec.id}/finish`, { method: "POST" });
      saved = response.ok ? await response.json() : null;
      if (!response.ok && !s.failed) say(`Could not finish the recording: ${await detail(response)}`, true);
    } catch (_) {
      if (!s.failed) say("Could not reach mockloop to finish the recording; it is finished when you next open it.", true);
    }
    if (current === s) current = null;
    render();
    if (saved && !s.failed) {
      say(saved.state === "discarded" ? "Nothing was recorded." : `Recording saved (${fmt(saved.duration_seconds || activeSeconds(s))}).`);
    }
    refreshList();
  }

  function refreshList() {
    const box = byId("recorder");
    if (box && byId("recordings") && window.htmx) {
      window.htmx.ajax("GET", `/attempts/${box.dataset.attempt}/recordings`, { target: "#recordings", swap: "outerHTML" });
    }
  }

  // The recorder follows the timer: it pauses and resumes with it, and stopping the timer (or
  // revealing the answer, which stops it) stops the recording. htmx swaps #timer on each change.
  function syncWithTimer() {
    const timer = byId("timer");
    if (!timer || !timer.dataset.state) return;
    const state = timer.dataset.state;
    const changed = state !== lastTimerState;
    lastTimerState = state;
    const s = current;
    if (!s || !s.recorder || s.state === "stopping") return;
    if (state === "stopped") { if (changed) stop(); return; }
    if (!s.rec.follows_timer) return;
    if (state === "paused" && s.recorder.state === "recording") {
      s.recorder.pause();
      s.activeMs += performance.now() - s.resumedAt;
      s.resumedAt = null;
      s.state = "paused";
    } else if (state === "running" && s.recorder.state === "paused") {
      s.recorder.resume();
      s.resumedAt = performance.now();
      s.state = "recording";
    }
    render();
  }

  function setUpControl() {
    const box = byId("recorder");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    const kind = byId("recorder-kind");
    const auto = byId("recorder-auto");
    kind.value = prefs.get("recordKind", "audio");
    auto.checked = prefs.get("recordWithTimer", "0") === "1";
    kind.addEventListener("change", () => prefs.set("recordKind", kind.value));
    auto.addEventListener("change", () => prefs.set("recordWithTimer", auto.checked ? "1" : "0"));
    if (!window.isSecureContext || !navigator.mediaDevices || !window.MediaRecorder) {
      byId("recorder-toggle").disabled = true;
      say(window.isSecureContext ? "This browser cannot record." : "Recording needs https or localhost.", true);
      return;
    }
    byId("recorder-toggle").addEventListener("click", () => (current ? stop() : start(kind.value)));
    const timer = byId("timer");
    lastTimerState = timer ? timer.dataset.state : null;
    // "with timer": a timer that has just started on an attempt without recordings starts one.
    if (auto.checked && timer && timer.dataset.state === "running"
        && parseFloat(timer.dataset.elapsed) < 15 && box.dataset.recordings === "0") {
      start(kind.value);
    }
  }

  // Leaving the page ends the recording: what arrived is finished at once; the chunk being
  // recorded (at most one timeslice) is lost.
  window.addEventListener("pagehide", () => {
    const s = current;
    if (!s || !s.rec) return;
    try { if (s.recorder.state !== "inactive") s.recorder.stop(); } catch (_) { /* already stopped */ }
    navigator.sendBeacon(`/api/v1/attempts/${s.rec.attempt_id}/recordings/${s.rec.id}/finish`);
  });

  // --- playback ----------------------------------------------------------------------------

  function mediaOf(element) {
    const box = element.closest(".recording");
    return box ? box.querySelector(".recording-media") : null;
  }

  function showSpeed(box, rate) {
    box.querySelectorAll("[data-speed]").forEach((b) => b.setAttribute("aria-pressed", String(parseFloat(b.dataset.speed) === rate)));
  }

  function applySpeed(root) {
    const speed = prefs.get("playbackSpeed", "1");
    if (!SPEEDS.includes(speed)) return;
    root.querySelectorAll(".recording").forEach((box) => {
      const media = box.querySelector(".recording-media");
      if (!media) return;
      media.defaultPlaybackRate = media.playbackRate = parseFloat(speed);
      showSpeed(box, parseFloat(speed));
    });
  }

  document.addEventListener("click", (event) => {
    const speed = event.target.closest("[data-speed]");
    const marker = event.target.closest("[data-seek]");
    const media = (speed || marker) && mediaOf(speed || marker);
    if (!media) return;
    if (speed) {
      media.defaultPlaybackRate = media.playbackRate = parseFloat(speed.dataset.speed);
      prefs.set("playbackSpeed", speed.dataset.speed);
    } else {
      media.currentTime = parseFloat(marker.dataset.seek);
      media.play().catch(() => { /* the user can press play */ });
    }
  });

  // Media events do not bubble: listen while they travel down instead.
  document.addEventListener("ratechange", (event) => {
    const box = event.target.closest && event.target.closest(".recording");
    if (box) showSpeed(box, event.target.playbackRate);
  }, true);
  document.addEventListener("timeupdate", (event) => {
    const box = event.target.closest && event.target.closest(".recording");
    const played = box && box.querySelector(".marker-track .played");
    const media = event.target;
    if (played && Number.isFinite(media.duration) && media.duration > 0) {
      played.style.width = `${Math.min(100, (100 * media.currentTime) / media.duration)}%`;
    }
  }, true);

  function init() { setUpControl(); applySpeed(document); }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", () => { init(); syncWithTimer(); });
  document.addEventListener("htmx:oobAfterSwap", syncWithTimer);

  window.mockloopRecorder = { start, stop, get current() { return current; } };
})();
