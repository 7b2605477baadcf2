// Live updates for pages whose <body> has data-live-url (see deliberation/core/events.py).
// Each message is {"kinds": [...], "fragments": {element id: html}}: elements are replaced by
// the shared HTML, then each kind is fired on <body> so widgets declared with
// hx-trigger="<kind> from:body" refresh themselves. After a lost connection the browser
// reconnects with Last-Event-ID (the server replays what was missed) and "resync" is fired so
// per-person widgets re-fetch: a reconnected page never shows a stale tally.
(function () {
  "use strict";
  var url = document.body && document.body.dataset.liveUrl;
  if (!url || !window.EventSource) return;

  var source = null;
  var lastId = null;
  var lostAt = null;
  var retryDelay = 1000;
  var status = document.createElement("div");
  status.className = "live-status position-fixed bottom-0 start-50 translate-middle-x mb-3 " +
    "badge rounded-pill text-bg-warning shadow fs-6 px-3 py-2";
  status.style.zIndex = "1080";
  status.setAttribute("role", "status");
  status.hidden = true;
  status.textContent = "Live updates paused: reconnecting…";
  document.body.appendChild(status);
  var showTimer = null;

  function fire(kind) {
    if (window.htmx) window.htmx.trigger(document.body, kind);
    else document.body.dispatchEvent(new CustomEvent(kind, { bubbles: true }));
  }

  function replace(id, html) {
    var current = document.getElementById(id);
    if (!current) return;
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var fresh = template.content.firstElementChild;
    if (!fresh) return;
    current.replaceWith(fresh);
    if (window.htmx) window.htmx.process(fresh);
  }

  function apply(event) {
    if (event.lastEventId) lastId = event.lastEventId;
    var message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    var fragments = message.fragments || {};
    Object.keys(fragments).forEach(function (id) { replace(id, fragments[id]); });
    (message.kinds || []).forEach(fire);
    document.body.dispatchEvent(new CustomEvent("live:message", { detail: message, bubbles: true }));
  }

  function disconnected() {
    if (lostAt !== null) return;
    lostAt = Date.now();
    document.body.dataset.liveState = "reconnecting";
    // A blip shorter than a second is not worth a flash on the screen.
    showTimer = setTimeout(function () { status.hidden = false; }, 1000);
  }

  function connected() {
    document.body.dataset.liveState = "open";
    retryDelay = 1000;
    if (lostAt === null) return;
    lostAt = null;
    clearTimeout(showTimer);
    status.hidden = true;
    fire("resync");
  }

  function streamUrl() {
    if (lastId === null) return url;
    var u = new URL(url, window.location.href);
    u.searchParams.set("last_event_id", lastId);
    return u.toString();
  }

  function open() {
    source = new EventSource(streamUrl());
    source.onopen = connected;
    source.onmessage = apply;
    source.onerror = function () {
      disconnected();
      if (source.readyState === EventSource.CLOSED) {
        // The server refused or failed: the browser won't retry by itself, so we do, slower.
        source.close();
        setTimeout(open, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      }
    };
  }

  // A list marked data-live-hold is not refreshed under the user's hands: when a refresh it
  // asked for itself comes back while one of its <details> is open, the swap is dropped (the
  // next action re-renders it). The trigger filter catches most cases; this catches the
  // refresh already in flight when the user opened the details.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!elt || elt !== event.detail.target || !elt.hasAttribute("data-live-hold")) return;
    if (elt.querySelector("details[open]")) event.detail.shouldSwap = false;
  });

  window.addEventListener("pagehide", function () { if (source) source.close(); });
  window.addEventListener("pageshow", function (event) {
    // Back from the back-forward cache: the stream was closed while the page slept.
    if (event.persisted) { lostAt = Date.now(); open(); }
  });
  open();
})();
