// Circuits: the loop's time left, moving on when a round's time is up, and the builder's fields.
(() => {
  "use strict";

  const fmt = window.mockloopClock;  // from app.js, which loads first

  // The server keeps the time and applies auto-advance on every read; the page only asks again
  // (reloads) once the round's time is up, and shows the loop's time left meanwhile.
  function bindRun() {
    const el = document.getElementById("timer");
    if (!el || !el.dataset.run) return;
    const at = performance.now();
    const elapsed = parseFloat(el.dataset.elapsed) || 0;
    const target = parseFloat(el.dataset.target) || 0;
    const upcoming = parseFloat(el.dataset.upcoming) || 0;
    const running = el.dataset.state === "running";
    const auto = el.dataset.autoAdvance === "true";
    const out = el.querySelector("[data-loop-left]");
    let asked = false;
    const tick = () => {
      const used = elapsed + (running ? (performance.now() - at) / 1000 : 0);
      const left = target - used;
      if (out) out.textContent = fmt(Math.max(0, left) + upcoming);
      if (running && auto && left < -0.25 && !asked) { asked = true; location.reload(); }
    };
    tick();
    setInterval(tick, 250);
  }

  // Builder: show the fields of each segment's kind, and how many prompts are ticked.
  function syncRow(row) {
    const select = row.querySelector("[data-kind-select]");
    if (!select) return;
    row.querySelectorAll("[data-kinds]").forEach((part) => {
      part.hidden = !part.dataset.kinds.split(" ").includes(select.value);
    });
    const chosen = row.querySelector("[data-chosen]");
    if (chosen) chosen.textContent = row.querySelectorAll("input[type=checkbox]:checked").length;
  }

  document.addEventListener("change", (event) => {
    const row = event.target.closest && event.target.closest(".segment-row");
    if (row) syncRow(row);
  });

  const start = () => { bindRun(); document.querySelectorAll(".segment-row").forEach(syncRow); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
