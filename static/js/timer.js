// The room's countdown: every <time data-countdown> counts down to its datetime.
// data-now is the server's clock when the element was rendered, so a phone whose clock is
// wrong still shows the same time left as the projector. Safe to load more than once.
(function () {
  if (window.charterTimer) return;
  window.charterTimer = true;

  function pad(n) { return String(n).padStart(2, "0"); }

  function tick() {
    document.querySelectorAll("time[data-countdown]").forEach(function (el) {
      if (!el.dataset.offset) {
        el.dataset.offset = String(Date.parse(el.dataset.now) - Date.now());
      }
      var left = Date.parse(el.getAttribute("datetime")) - (Date.now() + Number(el.dataset.offset));
      var box = el.closest(".phase-timer");
      if (left <= 0) {
        el.textContent = "Time is up";
      } else {
        var seconds = Math.ceil(left / 1000);
        var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
        el.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s) + " left";
      }
      if (box) {
        box.classList.toggle("is-over", left <= 0);
        box.classList.toggle("is-ending", left > 0 && left <= 60000);
      }
    });
  }

  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:afterSettle", tick);
})();
