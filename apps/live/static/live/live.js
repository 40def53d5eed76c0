// Live updates on an architecture's pages: refresh the page's content when someone
// else changes the architecture, show who else is here and what they are editing.
// Uses the WebSocket when it connects, else polls the current revision.

const POLL_SECONDS = 3;
const RECONNECT_SECONDS = [1, 2, 5, 10, 30];
const HEARTBEAT_SECONDS = 25; // apps/live/presence.py: HEARTBEAT_SECONDS
const EXPIRY_SECONDS = 70; // apps/live/presence.py: EXPIRY_SECONDS
const TOAST_SECONDS = 5;

const root = document.getElementById("live");
const me = root.dataset.me;
const state = {
  revision: Number(root.dataset.revision),
  viewers: new Map(), // viewer id -> {viewer, seen}
  socket: null,
  attempts: 0,
  pollTimer: null,
  refreshing: null,
  refreshAgain: false,
};

/** The object this page edits: an edit form's path without its last "edit/". */
function editingPath() {
  const path = window.location.pathname;
  return path.endsWith("/edit/") ? path.slice(0, -"edit/".length) : null;
}

/** A form's unsaved input would be lost if its page were swapped. */
function pageHasForm() {
  return editingPath() !== null || window.location.pathname.includes("/new/");
}

function toast(text) {
  const item = document.createElement("p");
  item.className = "live-toast";
  item.textContent = text;
  root.querySelector(".live-toasts").append(item);
  window.setTimeout(() => item.remove(), TOAST_SECONDS * 1e3);
}

// --- refreshing the page's content ------------------------------------------------

async function swapContent() {
  const response = await fetch(window.location.href, { credentials: "same-origin" });
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
  const incoming = fresh.querySelector("main.page");
  const current = document.querySelector("main.page");
  if (!incoming || !current) return;
  current.replaceChildren(...incoming.childNodes);
  if (window.htmx) window.htmx.process(current);
  remountDiagram(current);
  showEditing();
}

/** The diagram viewer mounts itself when its module runs: run a fresh copy of it. */
function remountDiagram(container) {
  if (!container.querySelector(".diagram-viewer")) return;
  const script = document.querySelector('script[type="module"][src*="diagrams/viewer"]');
  if (script) import(`${script.src}?revision=${state.revision}`);
}

async function refresh() {
  if (state.refreshing) {
    state.refreshAgain = true;
    return;
  }
  state.refreshing = swapContent().finally(() => {
    state.refreshing = null;
    if (state.refreshAgain) {
      state.refreshAgain = false;
      void refresh();
    }
  });
}

function changed(revision, actor, summary) {
  if (!(revision > state.revision)) return;
  state.revision = revision;
  if (actor !== me) toast(pageHasForm() ? `${summary} (reload to see it)` : summary);
  if (!pageHasForm()) void refresh();
}

// --- presence -----------------------------------------------------------------------

function seen(viewer) {
  state.viewers.set(viewer.id, { viewer, seen: Date.now() });
  showPresence();
}

function others() {
  return [...state.viewers.values()].map((entry) => entry.viewer).filter((v) => v.username !== me);
}

function showPresence() {
  const list = root.querySelector(".live-viewers");
  const names = [...new Map(others().map((v) => [v.username, v])).values()];
  list.replaceChildren(
    ...names.map((viewer) => {
      const item = document.createElement("li");
      item.className = "live-avatar";
      item.textContent = viewer.initials;
      item.title = `${viewer.username} is viewing`;
      item.dataset.username = viewer.username;
      return item;
    })
  );
  showEditing();
}

/** "Bob is editing" on the object's rows and links, and on its page and form. */
function showEditing() {
  document.querySelectorAll(".live-editing").forEach((marker) => marker.remove());
  const main = document.querySelector("main.page");
  if (!main) return;
  for (const viewer of others()) {
    if (!viewer.editing) continue;
    const text = `${viewer.username} is editing`;
    const links = [...main.querySelectorAll("a[href]")].filter((link) => {
      const path = link.getAttribute("href");
      return path === viewer.editing || path === `${viewer.editing}edit/`;
    });
    const places = new Set(links.map((link) => link.closest("tr, li") || link));
    for (const place of places) {
      const badge = document.createElement("span");
      badge.className = "badge live-editing";
      badge.textContent = text;
      (place.querySelector("td") || place).append(badge);
    }
    const path = window.location.pathname;
    if (path === viewer.editing || path === `${viewer.editing}edit/`) {
      const notice = document.createElement("p");
      notice.className = "notice live-editing";
      notice.setAttribute("role", "status");
      notice.textContent = `${text} this`;
      main.prepend(notice);
    }
  }
}

function forgetSilentViewers() {
  const oldest = Date.now() - EXPIRY_SECONDS * 1e3;
  for (const [id, entry] of state.viewers) if (entry.seen < oldest) state.viewers.delete(id);
  showPresence();
}

// --- the socket, and polling while it is down ------------------------------------

function received(message) {
  if (message.type === "change") changed(message.revision, message.actor, message.summary);
  else if (message.type === "join" || message.type === "here") seen(message.viewer);
  else if (message.type === "leave") {
    state.viewers.delete(message.viewer.id);
    showPresence();
  }
}

function send(message) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN)
    state.socket.send(JSON.stringify(message));
}

function connect() {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${window.location.host}${root.dataset.socketPath}`);
  state.socket = socket;
  socket.addEventListener("open", () => {
    state.attempts = 0;
    stopPolling();
    send({ type: "editing", object: editingPath() });
    // Changes made while the socket was down.
    void pollOnce();
  });
  socket.addEventListener("message", (event) => received(JSON.parse(event.data)));
  socket.addEventListener("close", () => {
    state.socket = null;
    state.viewers.clear();
    showPresence();
    startPolling();
    const delay = RECONNECT_SECONDS[Math.min(state.attempts, RECONNECT_SECONDS.length - 1)];
    state.attempts += 1;
    window.setTimeout(connect, delay * 1e3);
  });
}

async function pollOnce() {
  const response = await fetch(root.dataset.revisionUrl, { credentials: "same-origin" });
  if (!response.ok) return;
  const { revision, actor, summary } = await response.json();
  changed(revision, actor, summary);
}

function startPolling() {
  if (state.pollTimer === null)
    state.pollTimer = window.setInterval(() => void pollOnce().catch(() => {}), POLL_SECONDS * 1e3);
}

function stopPolling() {
  window.clearInterval(state.pollTimer);
  state.pollTimer = null;
}

connect();
window.setInterval(() => send({ type: "heartbeat" }), HEARTBEAT_SECONDS * 1e3);
window.setInterval(forgetSilentViewers, 10e3);
