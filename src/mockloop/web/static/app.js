// mockloop's small client: ticks the server-kept timer, keyboard shortcuts, postmortem flush.
(() => {
  "use strict";

  const fmt = (seconds) => {
    const s = Math.round(Math.abs(seconds));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const pad = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
  };
  window.mockloopClock = fmt;  // circuits.js shows times the same way

  // The server sends elapsed seconds as of the response; the page only adds the time since then.
  let timer = null;
  const baseTitle = document.title;

  function bindTimer() {
    const el = document.getElementById("timer");
    if (!el || !el.dataset.elapsed) { timer = null; return; }
    timer = {
      el,
      state: el.dataset.state,
      elapsed: parseFloat(el.dataset.elapsed),
      target: parseFloat(el.dataset.target),
      at: performance.now(),
    };
    renderTimer();
  }

  function renderTimer() {
    if (!timer) return;
    const running = timer.state === "running";
    const elapsed = timer.elapsed + (running ? (performance.now() - timer.at) / 1000 : 0);
    const left = timer.target - elapsed;
    const clock = timer.el.querySelector(".clock");
    const label = timer.el.querySelector("[data-timer-label]");
    const elapsedText = timer.el.querySelector("[data-elapsed-text]");
    const text = left >= 0 ? fmt(left) : "+" + fmt(-left);
    if (clock) clock.textContent = text;
    if (elapsedText) elapsedText.textContent = fmt(elapsed);
    timer.el.classList.toggle("overtime", left < 0);
    if (label) label.textContent = left < 0 ? (running ? "overtime" : timer.state + ", overtime") : timer.state;
    document.title = running ? `${text} · ${baseTitle}` : baseTitle;
  }

  setInterval(renderTimer, 250);

  // Keyboard shortcuts: a key clicks the visible button that declares it with data-key.
  function typing(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable], .cm-editor");
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const dialog = document.getElementById("shortcuts");
    if (event.key === "?") { dialog && (dialog.open ? dialog.close() : dialog.showModal()); event.preventDefault(); return; }
    if (event.key === "/") { const q = document.getElementById("q"); if (q) { q.focus(); event.preventDefault(); } return; }
    const button = [...document.querySelectorAll(`[data-key="${CSS.escape(event.key)}"]`)].find((b) => b.offsetParent !== null && !b.disabled);
    if (button) { event.preventDefault(); button.click(); }
  });

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-shortcuts-toggle]")) document.getElementById("shortcuts")?.showModal();
  });

  // Postmortem: htmx saves as you type; on leaving the page, anything not yet saved goes with keepalive.
  let dirty = false;
  document.addEventListener("input", (event) => {
    if (event.target.closest("#postmortem-form")) {
      dirty = true;
      const status = document.getElementById("postmortem-status");
      if (status) status.textContent = "Saving…";
    }
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (form && form.id === "postmortem-form" && event.detail.successful) dirty = false;
    if (!event.detail.successful && event.detail.xhr) {
      let message = "Could not save: the server said " + event.detail.xhr.status;
      try { message = JSON.parse(event.detail.xhr.responseText).detail || message; } catch (_) { /* not JSON */ }
      const status = form && form.querySelector(".status");
      if (status) status.textContent = message;
    }
  });
  function flushPostmortem() {
    const form = document.getElementById("postmortem-form");
    if (!form || !dirty) return;
    const body = Object.fromEntries(new FormData(form).entries());
    fetch(form.dataset.api, {
      method: "PUT", keepalive: true, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    dirty = false;
  }
  window.addEventListener("pagehide", flushPostmortem);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flushPostmortem(); });

  function localTimes(root) {
    root.querySelectorAll("time[data-local-time]").forEach((t) => {
      const d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) t.textContent = d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
    });
  }

  document.addEventListener("DOMContentLoaded", () => { bindTimer(); localTimes(document); });
  document.addEventListener("htmx:afterSettle", () => { bindTimer(); localTimes(document); });
  document.addEventListener("htmx:oobAfterSwap", bindTimer);
  // A page restored from the back/forward cache shows stale state: reload it from the server.
  window.addEventListener("pageshow", (event) => { if (event.persisted) location.reload(); });
})();
