/**
 * The diagram viewer's entry module. It needs no inline script: everything comes from the
 * markup below, and every `.diagram-viewer` on the page gets its own viewer.
 *
 * Markup contract (frontend/README.md has the same, with an example):
 *
 *   <link rel="stylesheet" href="{% static 'diagrams/viewer.css' %}">
 *   <script type="module" src="{% static 'diagrams/viewer.js' %}"></script>
 *
 *   <div class="diagram-viewer"
 *        data-svg-url="URL of this view's SVG"            (needed unless the SVG is inline)
 *        data-current-view="dependencies"                 (the `name` of the view shown)
 *        data-views='[{"name": …, "title": …, "url": …, "svg_url": …, "downloads": […]}, …]'
 *        data-downloads='[{"format": "svg", "url": …, "label": …}, …]'
 *        data-services-url="URL of a JSON list of {name, url}">   (optional)
 *     <div class="diagram-canvas"><svg>…</svg></div>      (optional: the SVG already inline)
 *   </div>
 *
 * - data-views: every view, in display order. `url` is the view's page; `svg_url` and
 *   `downloads` (optional) let the viewer switch to it in place instead of following the link.
 * - data-downloads: the current view's files; `label` is optional (known formats are named).
 * - data-services-url: lets search find services this view does not draw, and gives
 *   the page links of nodes whose SVG has none. Fetched on the first focus of the search box.
 * - SVG nodes: <g class="node" data-kind=… data-name=…> with a <title> and, optionally,
 *   an <a> to the node's page.
 * - Any other content of the container is replaced once the viewer starts (a place for a
 *   no-script fallback).
 */

import "./viewer.css";
import { ConfigError, readViewerConfig } from "./config";
import { h } from "./dom";
import { DiagramViewer } from "./viewer";

function mount(root: HTMLElement): void {
  try {
    void new DiagramViewer(root, readViewerConfig(root)).start();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    root.replaceChildren(
      h("p", {
        class: "dv-status",
        text: `The diagram viewer cannot start: ${error.message}`,
        attrs: { "data-tone": "error", role: "alert" },
      }),
    );
  }
}

// Module scripts run after the document is parsed, so the containers are all there.
document.querySelectorAll<HTMLElement>(".diagram-viewer").forEach(mount);
