class ConfigError extends Error {
}
function parseJsonAttribute(root, attribute) {
  const raw = root.getAttribute(attribute);
  if (raw === null || raw.trim() === "") return [];
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(`${attribute} is not valid JSON.`);
  }
}
function requireString(value, where) {
  if (typeof value !== "string" || value === "")
    throw new ConfigError(`${where} must be a non-empty string.`);
  return value;
}
function optionalString(value, where) {
  return value === void 0 || value === null ? void 0 : requireString(value, where);
}
function asList(value, where) {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "object" && item !== null)) {
    throw new ConfigError(`${where} must be a JSON list of objects.`);
  }
  return value;
}
function readDownloads(value, where) {
  return asList(value, where).map((item, index) => ({
    format: requireString(item.format, `${where}[${index}].format`),
    url: requireString(item.url, `${where}[${index}].url`),
    label: optionalString(item.label, `${where}[${index}].label`)
  }));
}
function readViews(value) {
  return asList(value, "data-views").map((item, index) => {
    const where = `data-views[${index}]`;
    return {
      name: requireString(item.name, `${where}.name`),
      title: requireString(item.title, `${where}.title`),
      url: requireString(item.url, `${where}.url`),
      svgUrl: optionalString(item.svg_url, `${where}.svg_url`),
      downloads: item.downloads === void 0 ? [] : readDownloads(item.downloads, `${where}.downloads`)
    };
  });
}
function readViewerConfig(root) {
  return {
    svgUrl: root.dataset.svgUrl || null,
    views: readViews(parseJsonAttribute(root, "data-views")),
    currentView: root.dataset.currentView ?? "",
    downloads: readDownloads(parseJsonAttribute(root, "data-downloads"), "data-downloads"),
    servicesUrl: root.dataset.servicesUrl || null
  };
}
const SVG_NS = "http://www.w3.org/2000/svg";
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.text !== void 0) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
const ICON_PATHS = {
  plus: "M10 4.5v11M4.5 10h11",
  minus: "M4.5 10h11",
  fit: "M3.5 7.5v-4h4M12.5 3.5h4v4M16.5 12.5v4h-4M7.5 16.5h-4v-4",
  search: "M8.75 14.5a5.75 5.75 0 1 0 0-11.5 5.75 5.75 0 0 0 0 11.5ZM13 13l3.75 3.75",
  download: "M10 3.5v9M6.25 9 10 12.75 13.75 9M4 16.5h12",
  close: "M5.5 5.5l9 9M14.5 5.5l-9 9",
  external: "M11.5 3.5h5v5M16.5 3.5 9.5 10.5M14.5 11.5v5h-11v-11h5",
  target: "M10 16.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM10 12a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z",
  expand: "M3.5 7.5v-4h4M3.5 3.5l4.5 4.5M16.5 12.5v4h-4M16.5 16.5 12 12"
};
function icon(name) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.classList.add("dv-icon");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", ICON_PATHS[name]);
  svg.append(path);
  return svg;
}
function iconButton(name, label, options = {}) {
  const text = h("span", { text: label, class: options.labelHidden ? "dv-visually-hidden" : "" });
  const button = h(
    "button",
    { class: options.class ?? "dv-button", attrs: { type: "button" } },
    icon(name),
    text
  );
  if (options.labelHidden) button.title = label;
  return button;
}
let idCounter = 0;
function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
const MAX_SCALE = 8;
const FIT_PADDING = 24;
const MAX_FIT_SCALE = 1.25;
const REST_MS = 140;
class Camera {
  scale = 1;
  x = 0;
  y = 0;
  minScale = 0.05;
  painted = { scale: 1, x: 0, y: 0 };
  moving = false;
  restTimer = 0;
  frame = 0;
  listeners = [];
  target = null;
  layer = null;
  /** Points the camera at a diagram's wrapping <g> and its <svg> (again after each view switch). */
  attach(target, layer) {
    this.target = target;
    this.layer = layer;
    this.moving = false;
    this.schedule();
  }
  /** True while a gesture's result is only shown by moving the painted layer. */
  get isMoving() {
    return this.moving;
  }
  onChange(listener) {
    this.listeners.push(listener);
  }
  /** Zooms by `factor`, keeping the canvas point `anchor` where it is on screen. */
  zoomBy(factor, anchor, gesture = false) {
    const scale = this.clampScale(this.scale * factor);
    const applied = scale / this.scale;
    this.x = anchor.x - (anchor.x - this.x) * applied;
    this.y = anchor.y - (anchor.y - this.y) * applied;
    this.scale = scale;
    this.update(gesture);
  }
  panBy(dx, dy, gesture = false) {
    this.x += dx;
    this.y += dy;
    this.update(gesture);
  }
  /** Shows all of `content` (diagram units) inside a viewport of the given size. */
  fit(content, viewport) {
    if (content.width <= 0 || content.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return;
    const fitted = Math.min(
      (viewport.width - 2 * FIT_PADDING) / content.width,
      (viewport.height - 2 * FIT_PADDING) / content.height
    );
    this.minScale = Math.min(fitted / 2, 0.5);
    this.scale = this.clampScale(Math.min(fitted, MAX_FIT_SCALE));
    this.x = (viewport.width - content.width * this.scale) / 2 - content.x * this.scale;
    this.y = (viewport.height - content.height * this.scale) / 2 - content.y * this.scale;
    this.update(false);
  }
  /** Moves the diagram point `point` to the centre of the viewport, zooming in to at least `minScale`. */
  centreOn(point, viewport, minScale) {
    this.scale = this.clampScale(Math.max(this.scale, minScale));
    this.x = viewport.width / 2 - point.x * this.scale;
    this.y = viewport.height / 2 - point.y * this.scale;
    this.update(false);
  }
  clampScale(scale) {
    return Math.min(MAX_SCALE, Math.max(this.minScale, scale));
  }
  update(gesture) {
    window.clearTimeout(this.restTimer);
    this.moving = gesture;
    if (gesture) {
      this.restTimer = window.setTimeout(() => {
        this.moving = false;
        this.schedule();
      }, REST_MS);
    }
    this.schedule();
  }
  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.moving) this.moveLayer();
      else this.paint();
      for (const listener of this.listeners) listener();
    });
  }
  /** Shows the current view by moving what was painted for `painted`. */
  moveLayer() {
    const ratio = this.scale / this.painted.scale;
    const dx = this.x - ratio * this.painted.x;
    const dy = this.y - ratio * this.painted.y;
    if (this.layer) this.layer.style.transform = `translate(${dx}px, ${dy}px) scale(${ratio})`;
  }
  paint() {
    const { scale, x, y } = this;
    this.target?.setAttribute("transform", `matrix(${scale} 0 0 ${scale} ${x} ${y})`);
    this.layer?.style.removeProperty("transform");
    this.painted = { scale, x, y };
  }
}
class ViewSwitcher {
  element;
  links = /* @__PURE__ */ new Map();
  constructor(views, current, onSwitch) {
    const items = views.map((view) => {
      const link = h("a", { class: "dv-view", text: view.title, attrs: { href: view.url } });
      link.addEventListener("click", (event) => {
        const plainClick = event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
        if (!plainClick || !view.svgUrl) return;
        event.preventDefault();
        onSwitch(view);
      });
      this.links.set(view.name, link);
      return h("li", {}, link);
    });
    this.element = h(
      "nav",
      { class: "dv-views", attrs: { "aria-label": "Diagram views" } },
      h("ul", {}, ...items)
    );
    this.element.hidden = views.length < 2;
    this.setCurrent(current);
  }
  setCurrent(name) {
    for (const [viewName, link] of this.links) {
      if (viewName === name) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }
}
class ZoomControls {
  element;
  // Not live: a gesture changes it every frame, which would flood a screen reader.
  level = h("output", {
    class: "dv-zoom-level",
    text: "100%",
    attrs: { "aria-live": "off", "aria-label": "Zoom level" }
  });
  constructor(actions) {
    const quiet = { labelHidden: true, class: "dv-button dv-button-quiet" };
    const buttons = [
      [iconButton("minus", "Zoom out (−)", quiet), actions.zoomOut],
      [iconButton("plus", "Zoom in (+)", quiet), actions.zoomIn],
      [iconButton("fit", "Fit to screen (0)", quiet), actions.fit]
    ];
    for (const [button, action] of buttons) button.addEventListener("click", action);
    const [zoomOut, zoomIn, fit] = buttons.map(([button]) => button);
    this.element = h(
      "div",
      { class: "dv-zoom", attrs: { role: "group", "aria-label": "Zoom" } },
      zoomOut,
      this.level,
      zoomIn,
      fit
    );
  }
  setScale(scale) {
    this.level.textContent = `${Math.round(scale * 100)}%`;
  }
}
const FORMAT_LABELS = {
  svg: ["SVG", "Vector image"],
  png: ["PNG", "Bitmap image"],
  pdf: ["PDF", "Printable document"],
  dot: ["DOT", "Graphviz source"],
  mmd: ["Mermaid", "Diagram as code"],
  structurizr: ["Structurizr", "DSL workspace"]
};
class DownloadMenu {
  element;
  list = h("ul", { class: "dv-menu-list", attrs: { "aria-label": "Download formats" } });
  constructor() {
    const summary = h("summary", { class: "dv-button" }, icon("download"), h("span", { text: "Download" }));
    this.element = h("details", { class: "dv-menu" }, summary, this.list);
    this.element.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !this.element.open) return;
      event.stopPropagation();
      this.element.open = false;
      summary.focus();
    });
    document.addEventListener("click", (event) => {
      if (this.element.open && !this.element.contains(event.target)) this.element.open = false;
    });
  }
  setDownloads(downloads) {
    this.list.replaceChildren(
      ...downloads.map(({ format, url, label }) => {
        const [name, description] = FORMAT_LABELS[format] ?? [format.toUpperCase(), "Download"];
        const link = h(
          "a",
          { class: "dv-menu-item", attrs: { href: url, download: "", "data-format": format } },
          h("span", { class: "dv-menu-item-name", text: label ?? name }),
          h("span", { class: "dv-menu-item-detail", text: description })
        );
        link.addEventListener("click", () => this.element.open = false);
        return h("li", {}, link);
      })
    );
    this.element.hidden = downloads.length === 0;
  }
}
const SELECTED_CLASS = "dv-selected";
function linkOf(anchor) {
  return anchor?.getAttribute("href") ?? anchor?.getAttribute("xlink:href") ?? null;
}
function readNode(element) {
  const anchor = element.querySelector("a");
  const title = element.querySelector(":scope > title")?.textContent?.trim() ?? "";
  const name = element.dataset.name ?? title;
  const tooltip = (anchor?.getAttribute("xlink:title") ?? anchor?.getAttribute("title") ?? title).trim();
  return {
    kind: element.dataset.kind ?? "",
    name,
    tooltip: tooltip === name ? "" : tooltip,
    href: linkOf(anchor),
    element
  };
}
function makeFocusable(node) {
  const label = node.kind ? `${node.name} (${node.kind})` : node.name;
  const anchor = node.element.querySelector("a");
  const focusTarget = anchor ?? node.element;
  if (!anchor) {
    node.element.setAttribute("tabindex", "0");
    node.element.setAttribute("role", "button");
  }
  focusTarget.setAttribute("aria-label", label);
}
class Diagram {
  constructor(svg, description) {
    this.svg = svg;
    for (const attribute of ["width", "height", "viewBox", "preserveAspectRatio"])
      svg.removeAttribute(attribute);
    svg.classList.add("dv-svg");
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", description);
    this.viewport = document.createElementNS(SVG_NS, "g");
    this.viewport.classList.add("dv-viewport");
    this.viewport.append(...Array.from(svg.childNodes));
    svg.append(this.viewport);
    this.nodes = Array.from(svg.querySelectorAll("g.node")).map(readNode);
    for (const node of this.nodes) {
      makeFocusable(node);
      this.byElement.set(node.element, node);
      if (!this.byName.has(node.name)) this.byName.set(node.name, node);
    }
  }
  svg;
  viewport;
  nodes;
  byName = /* @__PURE__ */ new Map();
  byElement = /* @__PURE__ */ new Map();
  selected = null;
  find(name) {
    return this.byName.get(name);
  }
  /** The node an event happened in, if any. */
  nodeFrom(target) {
    const element = target instanceof Element ? target.closest("g.node") : null;
    return element ? this.byElement.get(element) ?? null : null;
  }
  /** The whole drawing, in diagram units (before the camera's transform). */
  contentBox() {
    const { x, y, width, height } = this.viewport.getBBox();
    return { x, y, width, height };
  }
  /** A node's box in diagram units, whatever transforms Graphviz put between it and the viewport. */
  nodeBox(node) {
    const box = node.element.getBBox();
    const toViewport = this.viewport.getCTM()?.inverse().multiply(node.element.getCTM() ?? new DOMMatrix());
    if (!toViewport) return box;
    const topLeft = new DOMPoint(box.x, box.y).matrixTransform(toViewport);
    const bottomRight = new DOMPoint(box.x + box.width, box.y + box.height).matrixTransform(toViewport);
    return {
      x: topLeft.x,
      y: topLeft.y,
      width: bottomRight.x - topLeft.x,
      height: bottomRight.y - topLeft.y
    };
  }
  select(node) {
    this.selected?.element.classList.remove(SELECTED_CLASS);
    this.selected = node;
    node?.element.classList.add(SELECTED_CLASS);
  }
  focusTarget(node) {
    return node.element.querySelector("a") ?? node.element;
  }
}
const ALLOWED_ELEMENTS = /* @__PURE__ */ new Set([
  "svg",
  "g",
  "a",
  "title",
  "desc",
  "defs",
  "path",
  "polygon",
  "polyline",
  "line",
  "ellipse",
  "circle",
  "rect",
  "text",
  "tspan",
  "linearGradient",
  "radialGradient",
  "stop",
  "clipPath"
]);
const LINK_ATTRIBUTES = /* @__PURE__ */ new Set(["href", "xlink:href"]);
const EXTERNAL_STYLE_URL = /url\s*\(\s*['"]?\s*(?!#)/i;
class UnsafeSvgError extends Error {
}
function isSafeLink(value) {
  const trimmed = value.trim();
  if (trimmed.startsWith("#")) return true;
  try {
    const { protocol } = new URL(trimmed, document.baseURI);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
function cleanAttributes(element) {
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    const unsafe = name.startsWith("on") || LINK_ATTRIBUTES.has(name) && !isSafeLink(attribute.value) || name === "style" && EXTERNAL_STYLE_URL.test(attribute.value);
    if (unsafe) element.removeAttributeNode(attribute);
  }
}
function cleanTree(root) {
  const disallowed = Array.from(root.querySelectorAll("*")).filter(
    (element) => element.namespaceURI !== SVG_NS || !ALLOWED_ELEMENTS.has(element.localName)
  );
  for (const element of disallowed) element.remove();
  for (const element of [root, ...Array.from(root.querySelectorAll("*"))]) cleanAttributes(element);
}
function parseSafeSvg(text) {
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  const root = parsed.documentElement;
  if (parsed.querySelector("parsererror") || root.namespaceURI !== SVG_NS || root.localName !== "svg") {
    throw new UnsafeSvgError("The server did not send a readable SVG diagram.");
  }
  cleanTree(root);
  return document.importNode(root, true);
}
const DEFAULT_RETRY_SECONDS = 1;
const MAX_WAIT_SECONDS = 120;
class FetchError extends Error {
}
function sameOrigin(url) {
  const target = new URL(url, document.baseURI);
  if (target.origin !== window.location.origin) {
    throw new FetchError("The viewer only loads diagrams from this site.");
  }
  return target;
}
function wait(seconds, signal) {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, seconds * 1e3);
    signal.addEventListener(
      "abort",
      () => {
        window.clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true }
    );
  });
}
async function request(url, accept, signal) {
  return fetch(sameOrigin(url), { credentials: "same-origin", headers: { Accept: accept }, signal });
}
async function fetchDiagram(url, signal, onPending) {
  let waited = 0;
  for (; ; ) {
    const response = await request(url, "image/svg+xml", signal);
    if (response.status === 202 && waited < MAX_WAIT_SECONDS) {
      onPending();
      const retryAfter = Number(response.headers.get("Retry-After")) || DEFAULT_RETRY_SECONDS;
      await wait(retryAfter, signal);
      waited += retryAfter;
      continue;
    }
    if (!response.ok || response.status === 202) {
      throw new FetchError(`The diagram could not be loaded (HTTP ${response.status}).`);
    }
    return parseSafeSvg(await response.text());
  }
}
async function fetchServices(url) {
  const response = await request(url, "application/json");
  if (!response.ok) throw new FetchError(`The services list could not be loaded (HTTP ${response.status}).`);
  const body = await response.json();
  const items = Array.isArray(body) ? body : body?.results;
  if (!Array.isArray(items)) throw new FetchError("The services list is not a JSON list.");
  return items.filter((item) => typeof item?.name === "string").map((item) => ({ name: item.name, url: typeof item.url === "string" ? item.url : null }));
}
const DRAG_THRESHOLD_PX = 4;
const KEY_PAN_PX = 60;
const ZOOM_STEP = 1.25;
function wheelZoomFactor(event) {
  const perUnit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 0.05 : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? 0.5 : 2e-3;
  return Math.exp(-event.deltaY * perUnit);
}
function canvasPoint(canvas, event) {
  const rect = canvas.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}
function canvasCentre(canvas) {
  return { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 };
}
function bindPointer(canvas, camera) {
  let press = null;
  let swallowNextClick = false;
  canvas.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || press) return;
    const point = { x: event.clientX, y: event.clientY };
    press = { id: event.pointerId, start: point, last: point, dragging: false };
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!press || event.pointerId !== press.id) return;
    if (!press.dragging) {
      const moved = Math.hypot(event.clientX - press.start.x, event.clientY - press.start.y);
      if (moved < DRAG_THRESHOLD_PX) return;
      press.dragging = true;
      canvas.setPointerCapture(event.pointerId);
      canvas.classList.add("dv-dragging");
    }
    camera.panBy(event.clientX - press.last.x, event.clientY - press.last.y, true);
    press.last = { x: event.clientX, y: event.clientY };
  });
  const release = (event) => {
    if (!press || event.pointerId !== press.id) return;
    swallowNextClick = press.dragging;
    press = null;
    canvas.classList.remove("dv-dragging");
  };
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener(
    "click",
    (event) => {
      if (!swallowNextClick) return;
      swallowNextClick = false;
      event.preventDefault();
      event.stopPropagation();
    },
    { capture: true }
  );
  canvas.addEventListener("dragstart", (event) => event.preventDefault());
  canvas.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      camera.zoomBy(wheelZoomFactor(event), canvasPoint(canvas, event), true);
    },
    { passive: false }
  );
}
function isTextField(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
const ARROWS = {
  ArrowLeft: [KEY_PAN_PX, 0],
  ArrowRight: [-KEY_PAN_PX, 0],
  ArrowUp: [0, KEY_PAN_PX],
  ArrowDown: [0, -KEY_PAN_PX]
};
function bindKeys(root, canvas, camera, actions) {
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      actions.escape();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return;
    const handlers = {
      "+": actions.zoomIn,
      "=": actions.zoomIn,
      "-": actions.zoomOut,
      _: actions.zoomOut,
      "0": actions.fit,
      "/": actions.focusSearch
    };
    const handler = handlers[event.key];
    const arrow = event.target === canvas ? ARROWS[event.key] : void 0;
    if (handler) handler();
    else if (arrow) camera.panBy(...arrow);
    else return;
    event.preventDefault();
  });
}
function capitalised(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
class DetailsPanel {
  element;
  kind = h("p", { class: "dv-panel-kind" });
  heading;
  tooltip = h("p", { class: "dv-panel-tooltip" });
  notDrawn = h("p", {
    class: "dv-panel-note",
    text: "This view does not draw it on its own: it is inside a collapsed group, or outside the view."
  });
  linkText = h("span");
  link = h("a", { class: "dv-button dv-button-primary" }, this.linkText, icon("external"));
  centreButton = iconButton("target", "Centre");
  constructor(onClose, onCentre) {
    const headingId = uniqueId("dv-panel-title");
    this.heading = h("h2", { class: "dv-panel-name", attrs: { id: headingId, tabindex: "-1" } });
    const close = iconButton("close", "Close details", {
      labelHidden: true,
      class: "dv-button dv-button-quiet dv-panel-close"
    });
    close.addEventListener("click", onClose);
    this.centreButton.addEventListener("click", onCentre);
    this.element = h(
      "aside",
      { class: "dv-panel", attrs: { "aria-labelledby": headingId } },
      h("header", { class: "dv-panel-header" }, h("div", {}, this.kind, this.heading), close),
      this.tooltip,
      this.notDrawn,
      h("div", { class: "dv-panel-actions" }, this.link, this.centreButton)
    );
    this.element.hidden = true;
  }
  get isOpen() {
    return !this.element.hidden;
  }
  show(subject, { focus }) {
    this.kind.textContent = capitalised(subject.kind || "node");
    this.heading.textContent = subject.name;
    this.tooltip.textContent = subject.tooltip;
    this.tooltip.hidden = !subject.tooltip;
    this.notDrawn.hidden = subject.drawn;
    this.centreButton.hidden = !subject.drawn;
    this.link.hidden = !subject.href;
    if (subject.href) {
      this.link.href = subject.href;
      this.linkText.textContent = `Open ${subject.kind || "its"} page`;
    }
    this.element.hidden = false;
    if (focus) this.heading.focus();
  }
  hide() {
    this.element.hidden = true;
  }
}
const MAX_SUGGESTIONS = 8;
function rankMatches(entries, query) {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const rank = (name) => name === needle ? 0 : name.startsWith(needle) ? 1 : 2;
  return entries.filter((entry) => entry.name.toLowerCase().includes(needle)).map((entry) => ({ entry, rank: rank(entry.name.toLowerCase()) })).sort((a, b) => a.rank - b.rank || a.entry.name.localeCompare(b.entry.name)).slice(0, MAX_SUGGESTIONS).map(({ entry }) => entry);
}
class ServiceSearch {
  constructor(onChoose, onNoMatch, onFirstFocus) {
    this.onChoose = onChoose;
    this.onNoMatch = onNoMatch;
    const inputId = uniqueId("dv-search");
    const listId = `${inputId}-list`;
    this.input = h("input", {
      class: "dv-search-input",
      attrs: {
        id: inputId,
        type: "search",
        role: "combobox",
        "aria-autocomplete": "list",
        "aria-expanded": "false",
        "aria-controls": listId,
        autocomplete: "off",
        spellcheck: "false",
        placeholder: "Find a service…"
      }
    });
    this.list = h("ul", {
      class: "dv-suggestions",
      attrs: { id: listId, role: "listbox", "aria-label": "Matching services" }
    });
    this.list.hidden = true;
    const label = h("label", {
      class: "dv-visually-hidden",
      text: "Find a service",
      attrs: { for: inputId }
    });
    const keyHint = h("kbd", { class: "dv-search-key", text: "/", attrs: { "aria-hidden": "true" } });
    this.element = h(
      "div",
      { class: "dv-search", attrs: { role: "search" } },
      label,
      icon("search"),
      this.input,
      keyHint,
      this.list
    );
    this.input.addEventListener("focus", onFirstFocus, { once: true });
    this.input.addEventListener("input", () => this.update());
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    this.input.addEventListener("blur", () => this.close());
    this.list.addEventListener("mousedown", (event) => {
      const option = event.target.closest("[role=option]");
      if (!option) return;
      event.preventDefault();
      this.choose(this.matches[Number(option.dataset.index)]);
    });
  }
  onChoose;
  onNoMatch;
  element;
  input;
  list;
  entries = [];
  matches = [];
  active = -1;
  setEntries(entries) {
    this.entries = entries;
    if (document.activeElement === this.input) this.update();
  }
  focus() {
    this.input.focus();
    this.input.select();
  }
  update() {
    this.matches = rankMatches(this.entries, this.input.value);
    this.active = this.matches.length ? 0 : -1;
    this.list.replaceChildren(...this.matches.map((entry, index) => this.option(entry, index)));
    this.list.hidden = this.matches.length === 0;
    this.input.setAttribute("aria-expanded", String(!this.list.hidden));
    this.showActive();
  }
  option(entry, index) {
    const detail = entry.drawn ? entry.kind : `${entry.kind || "service"} · not in this view`;
    return h(
      "li",
      {
        class: "dv-suggestion",
        attrs: { role: "option", id: `${this.list.id}-${index}`, "data-index": String(index) }
      },
      h("span", { class: "dv-suggestion-name", text: entry.name }),
      h("span", { class: "dv-suggestion-kind", text: detail })
    );
  }
  showActive() {
    Array.from(this.list.children).forEach((option, index) => {
      option.setAttribute("aria-selected", String(index === this.active));
    });
    const activeOption = this.active >= 0 ? this.list.children[this.active] : null;
    if (activeOption) {
      this.input.setAttribute("aria-activedescendant", activeOption.id);
      activeOption.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }
  onKey(event) {
    const steps = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in steps && this.matches.length) {
      event.preventDefault();
      this.active = (this.active + steps[event.key] + this.matches.length) % this.matches.length;
      this.showActive();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = this.matches[this.active];
      if (chosen) this.choose(chosen);
      else if (this.input.value.trim()) this.onNoMatch(this.input.value.trim());
    } else if (event.key === "Escape" && !this.list.hidden) {
      event.stopPropagation();
      this.close();
    }
  }
  choose(entry) {
    this.input.value = entry.name;
    this.close();
    this.onChoose(entry);
  }
  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }
}
const FOUND_NODE_SCALE = 1;
const PANEL_GAP_PX = 24;
const HISTORY_KEY = "diagramView";
const NOTICE_SECONDS = 4;
function errorMessage(error) {
  return error instanceof Error ? error.message : "Something went wrong while showing the diagram.";
}
class DiagramViewer {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.currentViewName = config.currentView;
    this.status.hidden = true;
    this.canvas = root.querySelector(":scope > .diagram-canvas") ?? h("div", { class: "diagram-canvas" });
    this.canvas.classList.add("dv-canvas");
    this.canvas.setAttribute("tabindex", "0");
    this.canvas.setAttribute("role", "region");
    this.canvas.setAttribute(
      "aria-label",
      "Diagram. Drag or use the arrow keys to pan, + and − to zoom, 0 to fit."
    );
    this.search = new ServiceSearch(
      (entry) => this.showEntry(entry),
      (query) => this.setStatus(`No service named “${query}”.`, "notice"),
      () => void this.loadServices()
    );
    this.panel = new DetailsPanel(
      () => this.clearSelection(),
      () => this.selected && this.centreOn(this.selected)
    );
    this.zoom = new ZoomControls({
      zoomIn: () => this.zoomIn(),
      zoomOut: () => this.zoomOut(),
      fit: () => this.fit()
    });
    this.switcher = new ViewSwitcher(
      config.views,
      config.currentView,
      (view) => void this.switchView(view, true)
    );
    this.downloads.setDownloads(config.downloads);
    this.camera.onChange(() => {
      this.zoom.setScale(this.camera.scale);
      this.canvas.classList.toggle("dv-moving", this.camera.isMoving);
    });
    this.buildLayout();
    this.bindInput();
  }
  root;
  config;
  camera = new Camera();
  canvas;
  status = h("p", { class: "dv-status", attrs: { role: "status" } });
  announcer = h("p", { class: "dv-visually-hidden", attrs: { "aria-live": "polite" } });
  search;
  panel;
  zoom;
  downloads = new DownloadMenu();
  switcher;
  diagram = null;
  selected = null;
  services = [];
  loading = null;
  fitted = false;
  currentViewName;
  statusTimer = 0;
  /** Shows the inline SVG, or fetches the one at data-svg-url. */
  async start() {
    const inline = this.canvas.querySelector(":scope > svg");
    if (inline) {
      this.show(inline);
    } else if (this.config.svgUrl) {
      await this.load(this.config.svgUrl, "Loading the diagram…");
    } else {
      this.setStatus("This page gives the viewer no diagram to show.", "error");
    }
    if (this.config.views.some((view) => view.svgUrl)) {
      history.replaceState({ ...history.state, [HISTORY_KEY]: this.currentViewName }, "");
      window.addEventListener("popstate", (event) => this.onHistory(event));
    }
  }
  buildLayout() {
    const fullScreen = iconButton("expand", "Full screen", {
      labelHidden: true,
      class: "dv-button dv-button-quiet"
    });
    fullScreen.hidden = !document.fullscreenEnabled;
    fullScreen.addEventListener("click", () => this.toggleFullScreen());
    const toolbar = h(
      "div",
      { class: "dv-toolbar" },
      this.switcher.element,
      h("div", { class: "dv-toolbar-end" }, this.search.element, this.downloads.element, fullScreen)
    );
    const hint = h("p", {
      class: "dv-hint",
      text: "Drag to pan · Scroll to zoom · / to search",
      attrs: { "aria-hidden": "true" }
    });
    const stage = h(
      "div",
      { class: "dv-stage" },
      this.canvas,
      this.zoom.element,
      hint,
      this.status,
      this.panel.element
    );
    this.root.replaceChildren(toolbar, stage, this.announcer);
    this.root.classList.add("dv-ready");
  }
  bindInput() {
    bindPointer(this.canvas, this.camera);
    bindKeys(this.root, this.canvas, this.camera, {
      zoomIn: () => this.zoomIn(),
      zoomOut: () => this.zoomOut(),
      fit: () => this.fit(),
      focusSearch: () => this.search.focus(),
      escape: () => this.onEscape()
    });
    this.canvas.addEventListener("click", (event) => this.onCanvasClick(event));
    this.canvas.addEventListener("keydown", (event) => {
      const node = this.diagram?.nodeFrom(event.target);
      if (!node || node.element !== event.target || event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      this.select(node, true);
    });
    new ResizeObserver(() => {
      if (!this.fitted) this.fit();
    }).observe(this.canvas);
  }
  async load(url, message) {
    this.loading?.abort();
    const loading = new AbortController();
    this.loading = loading;
    this.setStatus(message, "busy");
    try {
      const svg = await fetchDiagram(
        url,
        loading.signal,
        () => this.setStatus("Rendering the diagram…", "busy")
      );
      this.show(svg);
      this.setStatus("");
      return true;
    } catch (error) {
      if (!loading.signal.aborted) this.setStatus(errorMessage(error), "error");
      return false;
    }
  }
  show(svg) {
    const view = this.currentView();
    this.diagram?.svg.remove();
    this.clearSelection();
    this.diagram = new Diagram(svg, view ? `${view.title} diagram` : "Diagram");
    this.canvas.prepend(svg);
    this.camera.attach(this.diagram.viewport, svg);
    this.fitted = false;
    this.fit();
    this.refreshSearch();
  }
  currentView() {
    return this.config.views.find((view) => view.name === this.currentViewName);
  }
  async switchView(view, remember) {
    if (!view.svgUrl) return;
    const previous = this.currentViewName;
    this.currentViewName = view.name;
    this.switcher.setCurrent(view.name);
    if (!await this.load(view.svgUrl, `Loading ${view.title}…`)) {
      this.currentViewName = previous;
      this.switcher.setCurrent(previous);
      return;
    }
    this.downloads.setDownloads(view.downloads);
    if (remember) history.pushState({ ...history.state, [HISTORY_KEY]: view.name }, "", view.url);
    this.announce(`${view.title} shown.`);
  }
  onHistory(event) {
    const name = event.state?.[HISTORY_KEY];
    const view = this.config.views.find((candidate) => candidate.name === name);
    if (view && view.name !== this.currentViewName) void this.switchView(view, false);
  }
  async loadServices() {
    if (!this.config.servicesUrl) return;
    try {
      this.services = await fetchServices(this.config.servicesUrl);
      this.refreshSearch();
    } catch (error) {
      this.setStatus(errorMessage(error), "error");
    }
  }
  refreshSearch() {
    const drawn = (this.diagram?.nodes ?? []).map(({ name, kind }) => ({
      name,
      kind,
      drawn: true
    }));
    const drawnNames = new Set(drawn.map((entry) => entry.name));
    const others = this.services.filter((service) => !drawnNames.has(service.name)).map((service) => ({ name: service.name, kind: "service", drawn: false }));
    this.search.setEntries([...drawn, ...others]);
  }
  serviceUrl(name) {
    return this.services.find((service) => service.name === name)?.url ?? null;
  }
  showEntry(entry) {
    this.setStatus("");
    const node = entry.drawn ? this.diagram?.find(entry.name) : void 0;
    if (node) {
      this.select(node, false);
      this.centreOn(node);
      this.announce(`${node.name} is centred and highlighted.`);
      return;
    }
    this.clearSelection();
    this.panel.show(
      { name: entry.name, kind: entry.kind, tooltip: "", href: this.serviceUrl(entry.name), drawn: false },
      { focus: false }
    );
  }
  select(node, focusPanel) {
    this.selected = node;
    this.diagram?.select(node);
    this.panel.show(
      { ...node, href: node.href ?? this.serviceUrl(node.name), drawn: true },
      { focus: focusPanel }
    );
  }
  clearSelection() {
    this.selected = null;
    this.diagram?.select(null);
    this.panel.hide();
  }
  onCanvasClick(event) {
    if (!this.diagram) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const node = this.diagram.nodeFrom(event.target);
    event.preventDefault();
    if (node) this.select(node, true);
    else this.clearSelection();
  }
  onEscape() {
    if (!this.panel.isOpen) return;
    const returnTo = this.selected && this.diagram ? this.diagram.focusTarget(this.selected) : this.canvas;
    const focusWasInPanel = this.panel.element.contains(document.activeElement);
    this.clearSelection();
    if (focusWasInPanel) returnTo.focus();
  }
  /** The part of the canvas the panel does not cover. */
  visibleSize() {
    const covered = this.panel.isOpen ? this.panel.element.offsetWidth + PANEL_GAP_PX : 0;
    return { width: Math.max(this.canvas.clientWidth - covered, 1), height: this.canvas.clientHeight };
  }
  centreOn(node) {
    if (!this.diagram) return;
    const box = this.diagram.nodeBox(node);
    this.camera.centreOn(
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      this.visibleSize(),
      FOUND_NODE_SCALE
    );
  }
  fit() {
    if (!this.diagram || this.canvas.clientWidth === 0) return;
    this.camera.fit(this.diagram.contentBox(), this.visibleSize());
    this.fitted = true;
  }
  zoomIn() {
    this.camera.zoomBy(ZOOM_STEP, canvasCentre(this.canvas));
  }
  zoomOut() {
    this.camera.zoomBy(1 / ZOOM_STEP, canvasCentre(this.canvas));
  }
  toggleFullScreen() {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void this.root.requestFullscreen();
  }
  /** Busy and error messages stay until replaced; a notice fades after a few seconds. */
  setStatus(message, tone = "") {
    window.clearTimeout(this.statusTimer);
    this.status.textContent = message;
    this.status.dataset.tone = tone;
    this.status.hidden = !message;
    if (tone === "notice")
      this.statusTimer = window.setTimeout(() => this.setStatus(""), NOTICE_SECONDS * 1e3);
  }
  announce(message) {
    this.announcer.textContent = message;
  }
}
function mount(root) {
  try {
    void new DiagramViewer(root, readViewerConfig(root)).start();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    root.replaceChildren(
      h("p", {
        class: "dv-status",
        text: `The diagram viewer cannot start: ${error.message}`,
        attrs: { "data-tone": "error", role: "alert" }
      })
    );
  }
}
document.querySelectorAll(".diagram-viewer").forEach(mount);
