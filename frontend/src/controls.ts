/** The viewer's controls: the view switcher, the zoom buttons and the download menu. */

import type { Download, ViewLink } from "./config";
import { h, icon, iconButton } from "./dom";

/** Links to every view; a click on one that can switch in place is handed to `onSwitch`. */
export class ViewSwitcher {
  readonly element: HTMLElement;
  private readonly links = new Map<string, HTMLAnchorElement>();

  constructor(views: ViewLink[], current: string, onSwitch: (view: ViewLink) => void) {
    const items = views.map((view) => {
      const link = h("a", { class: "dv-view", text: view.title, attrs: { href: view.url } });
      link.addEventListener("click", (event) => {
        const plainClick =
          event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
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
      h("ul", {}, ...items),
    );
    this.element.hidden = views.length < 2;
    this.setCurrent(current);
  }

  setCurrent(name: string): void {
    for (const [viewName, link] of this.links) {
      if (viewName === name) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }
}

export interface ZoomActions {
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
}

/** Zoom in, zoom out, fit, and the current zoom level. */
export class ZoomControls {
  readonly element: HTMLElement;
  // Not live: a gesture changes it every frame, which would flood a screen reader.
  private readonly level = h("output", {
    class: "dv-zoom-level",
    text: "100%",
    attrs: { "aria-live": "off", "aria-label": "Zoom level" },
  });

  constructor(actions: ZoomActions) {
    const quiet = { labelHidden: true, class: "dv-button dv-button-quiet" };
    const buttons: Array<[HTMLButtonElement, () => void]> = [
      [iconButton("minus", "Zoom out (−)", quiet), actions.zoomOut],
      [iconButton("plus", "Zoom in (+)", quiet), actions.zoomIn],
      [iconButton("fit", "Fit to screen (0)", quiet), actions.fit],
    ];
    for (const [button, action] of buttons) button.addEventListener("click", action);
    const [zoomOut, zoomIn, fit] = buttons.map(([button]) => button);
    this.element = h(
      "div",
      { class: "dv-zoom", attrs: { role: "group", "aria-label": "Zoom" } },
      zoomOut,
      this.level,
      zoomIn,
      fit,
    );
  }

  setScale(scale: number): void {
    this.level.textContent = `${Math.round(scale * 100)}%`;
  }
}

const FORMAT_LABELS: Record<string, [string, string]> = {
  svg: ["SVG", "Vector image"],
  png: ["PNG", "Bitmap image"],
  pdf: ["PDF", "Printable document"],
  dot: ["DOT", "Graphviz source"],
  mmd: ["Mermaid", "Diagram as code"],
  structurizr: ["Structurizr", "DSL workspace"],
};

/** A disclosure menu with one download link per format. */
export class DownloadMenu {
  readonly element: HTMLDetailsElement;
  private readonly list = h("ul", { class: "dv-menu-list", attrs: { "aria-label": "Download formats" } });

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
      if (this.element.open && !this.element.contains(event.target as Node)) this.element.open = false;
    });
  }

  setDownloads(downloads: Download[]): void {
    this.list.replaceChildren(
      ...downloads.map(({ format, url, label }) => {
        const [name, description] = FORMAT_LABELS[format] ?? [format.toUpperCase(), "Download"];
        const link = h(
          "a",
          { class: "dv-menu-item", attrs: { href: url, download: "", "data-format": format } },
          h("span", { class: "dv-menu-item-name", text: label ?? name }),
          h("span", { class: "dv-menu-item-detail", text: description }),
        );
        link.addEventListener("click", () => (this.element.open = false));
        return h("li", {}, link);
      }),
    );
    this.element.hidden = downloads.length === 0;
  }
}
