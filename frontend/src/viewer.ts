/** The diagram viewer: puts the controls around the canvas and connects them to one another. */

import { Camera } from "./camera";
import type { ViewerConfig, ViewLink } from "./config";
import { DownloadMenu, ViewSwitcher, ZoomControls } from "./controls";
import { Diagram, type DiagramNode } from "./diagram";
import { h, iconButton } from "./dom";
import { fetchDiagram, fetchServices, type ServiceLink } from "./fetching";
import { bindKeys, bindPointer, canvasCentre, ZOOM_STEP } from "./gestures";
import { DetailsPanel } from "./panel";
import { ServiceSearch, type SearchEntry } from "./search";

// Searching zooms in at least this far, so that the found node is legible in a large map.
const FOUND_NODE_SCALE = 1;
const PANEL_GAP_PX = 24;
const HISTORY_KEY = "diagramView";
const NOTICE_SECONDS = 4;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong while showing the diagram.";
}

export class DiagramViewer {
  private readonly camera = new Camera();
  private readonly canvas: HTMLElement;
  private readonly status = h("p", { class: "dv-status", attrs: { role: "status" } });
  private readonly announcer = h("p", { class: "dv-visually-hidden", attrs: { "aria-live": "polite" } });
  private readonly search: ServiceSearch;
  private readonly panel: DetailsPanel;
  private readonly zoom: ZoomControls;
  private readonly downloads = new DownloadMenu();
  private readonly switcher: ViewSwitcher;
  private diagram: Diagram | null = null;
  private selected: DiagramNode | null = null;
  private services: ServiceLink[] = [];
  private loading: AbortController | null = null;
  private fitted = false;
  private currentViewName: string;
  private statusTimer = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly config: ViewerConfig,
  ) {
    this.currentViewName = config.currentView;
    this.status.hidden = true;
    this.canvas =
      root.querySelector<HTMLElement>(":scope > .diagram-canvas") ?? h("div", { class: "diagram-canvas" });
    this.canvas.classList.add("dv-canvas");
    this.canvas.setAttribute("tabindex", "0");
    this.canvas.setAttribute("role", "region");
    this.canvas.setAttribute(
      "aria-label",
      "Diagram. Drag or use the arrow keys to pan, + and − to zoom, 0 to fit.",
    );

    this.search = new ServiceSearch(
      (entry) => this.showEntry(entry),
      (query) => this.setStatus(`No service named “${query}”.`, "notice"),
      () => void this.loadServices(),
    );
    this.panel = new DetailsPanel(
      () => this.clearSelection(),
      () => this.selected && this.centreOn(this.selected),
    );
    this.zoom = new ZoomControls({
      zoomIn: () => this.zoomIn(),
      zoomOut: () => this.zoomOut(),
      fit: () => this.fit(),
    });
    this.switcher = new ViewSwitcher(
      config.views,
      config.currentView,
      (view) => void this.switchView(view, true),
    );
    this.downloads.setDownloads(config.downloads);
    this.camera.onChange(() => {
      this.zoom.setScale(this.camera.scale);
      this.canvas.classList.toggle("dv-moving", this.camera.isMoving);
    });

    this.buildLayout();
    this.bindInput();
  }

  /** Shows the inline SVG, or fetches the one at data-svg-url. */
  async start(): Promise<void> {
    const inline = this.canvas.querySelector<SVGSVGElement>(":scope > svg");
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

  private buildLayout(): void {
    const fullScreen = iconButton("expand", "Full screen", {
      labelHidden: true,
      class: "dv-button dv-button-quiet",
    });
    fullScreen.hidden = !document.fullscreenEnabled;
    fullScreen.addEventListener("click", () => this.toggleFullScreen());
    const toolbar = h(
      "div",
      { class: "dv-toolbar" },
      this.switcher.element,
      h("div", { class: "dv-toolbar-end" }, this.search.element, this.downloads.element, fullScreen),
    );
    const hint = h("p", {
      class: "dv-hint",
      text: "Drag to pan · Scroll to zoom · / to search",
      attrs: { "aria-hidden": "true" },
    });
    const stage = h(
      "div",
      { class: "dv-stage" },
      this.canvas,
      this.zoom.element,
      hint,
      this.status,
      this.panel.element,
    );
    this.root.replaceChildren(toolbar, stage, this.announcer);
    this.root.classList.add("dv-ready");
  }

  private bindInput(): void {
    bindPointer(this.canvas, this.camera);
    bindKeys(this.root, this.canvas, this.camera, {
      zoomIn: () => this.zoomIn(),
      zoomOut: () => this.zoomOut(),
      fit: () => this.fit(),
      focusSearch: () => this.search.focus(),
      escape: () => this.onEscape(),
    });
    this.canvas.addEventListener("click", (event) => this.onCanvasClick(event));
    this.canvas.addEventListener("keydown", (event) => {
      const node = this.diagram?.nodeFrom(event.target);
      // Nodes with a link get Enter from their <a> as a click; the others are role=button.
      if (!node || node.element !== event.target || (event.key !== "Enter" && event.key !== " ")) return;
      event.preventDefault();
      this.select(node, true);
    });
    new ResizeObserver(() => {
      if (!this.fitted) this.fit();
    }).observe(this.canvas);
  }

  private async load(url: string, message: string): Promise<boolean> {
    this.loading?.abort();
    const loading = new AbortController();
    this.loading = loading;
    this.setStatus(message, "busy");
    try {
      const svg = await fetchDiagram(url, loading.signal, () =>
        this.setStatus("Rendering the diagram…", "busy"),
      );
      this.show(svg);
      this.setStatus("");
      return true;
    } catch (error) {
      if (!loading.signal.aborted) this.setStatus(errorMessage(error), "error");
      return false;
    }
  }

  private show(svg: SVGSVGElement): void {
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

  private currentView(): ViewLink | undefined {
    return this.config.views.find((view) => view.name === this.currentViewName);
  }

  private async switchView(view: ViewLink, remember: boolean): Promise<void> {
    if (!view.svgUrl) return;
    const previous = this.currentViewName;
    this.currentViewName = view.name;
    this.switcher.setCurrent(view.name);
    if (!(await this.load(view.svgUrl, `Loading ${view.title}…`))) {
      this.currentViewName = previous;
      this.switcher.setCurrent(previous);
      return;
    }
    this.downloads.setDownloads(view.downloads);
    if (remember) history.pushState({ ...history.state, [HISTORY_KEY]: view.name }, "", view.url);
    this.announce(`${view.title} shown.`);
  }

  private onHistory(event: PopStateEvent): void {
    const name = (event.state as Record<string, unknown> | null)?.[HISTORY_KEY];
    const view = this.config.views.find((candidate) => candidate.name === name);
    if (view && view.name !== this.currentViewName) void this.switchView(view, false);
  }

  private async loadServices(): Promise<void> {
    if (!this.config.servicesUrl) return;
    try {
      this.services = await fetchServices(this.config.servicesUrl);
      this.refreshSearch();
    } catch (error) {
      // Search still works on the drawn nodes; say why the others are missing.
      this.setStatus(errorMessage(error), "error");
    }
  }

  private refreshSearch(): void {
    const drawn: SearchEntry[] = (this.diagram?.nodes ?? []).map(({ name, kind }) => ({
      name,
      kind,
      drawn: true,
    }));
    const drawnNames = new Set(drawn.map((entry) => entry.name));
    const others = this.services
      .filter((service) => !drawnNames.has(service.name))
      .map((service) => ({ name: service.name, kind: "service", drawn: false }));
    this.search.setEntries([...drawn, ...others]);
  }

  private serviceUrl(name: string): string | null {
    return this.services.find((service) => service.name === name)?.url ?? null;
  }

  private showEntry(entry: SearchEntry): void {
    this.setStatus("");
    const node = entry.drawn ? this.diagram?.find(entry.name) : undefined;
    if (node) {
      this.select(node, false);
      this.centreOn(node);
      this.announce(`${node.name} is centred and highlighted.`);
      return;
    }
    this.clearSelection();
    this.panel.show(
      { name: entry.name, kind: entry.kind, tooltip: "", href: this.serviceUrl(entry.name), drawn: false },
      { focus: false },
    );
  }

  private select(node: DiagramNode, focusPanel: boolean): void {
    this.selected = node;
    this.diagram?.select(node);
    this.panel.show(
      { ...node, href: node.href ?? this.serviceUrl(node.name), drawn: true },
      { focus: focusPanel },
    );
  }

  private clearSelection(): void {
    this.selected = null;
    this.diagram?.select(null);
    this.panel.hide();
  }

  private onCanvasClick(event: MouseEvent): void {
    if (!this.diagram) return;
    // Modified clicks keep the browser's meaning (new tab, new window) for node links.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const node = this.diagram.nodeFrom(event.target);
    event.preventDefault();
    if (node) this.select(node, true);
    else this.clearSelection();
  }

  private onEscape(): void {
    if (!this.panel.isOpen) return;
    const returnTo = this.selected && this.diagram ? this.diagram.focusTarget(this.selected) : this.canvas;
    const focusWasInPanel = this.panel.element.contains(document.activeElement);
    this.clearSelection();
    if (focusWasInPanel) returnTo.focus();
  }

  /** The part of the canvas the panel does not cover. */
  private visibleSize(): { width: number; height: number } {
    const covered = this.panel.isOpen ? this.panel.element.offsetWidth + PANEL_GAP_PX : 0;
    return { width: Math.max(this.canvas.clientWidth - covered, 1), height: this.canvas.clientHeight };
  }

  private centreOn(node: DiagramNode): void {
    if (!this.diagram) return;
    const box = this.diagram.nodeBox(node);
    this.camera.centreOn(
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      this.visibleSize(),
      FOUND_NODE_SCALE,
    );
  }

  private fit(): void {
    if (!this.diagram || this.canvas.clientWidth === 0) return;
    this.camera.fit(this.diagram.contentBox(), this.visibleSize());
    this.fitted = true;
  }

  private zoomIn(): void {
    this.camera.zoomBy(ZOOM_STEP, canvasCentre(this.canvas));
  }

  private zoomOut(): void {
    this.camera.zoomBy(1 / ZOOM_STEP, canvasCentre(this.canvas));
  }

  private toggleFullScreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void this.root.requestFullscreen();
  }

  /** Busy and error messages stay until replaced; a notice fades after a few seconds. */
  private setStatus(message: string, tone: "busy" | "error" | "notice" | "" = ""): void {
    window.clearTimeout(this.statusTimer);
    this.status.textContent = message;
    this.status.dataset.tone = tone;
    this.status.hidden = !message;
    if (tone === "notice")
      this.statusTimer = window.setTimeout(() => this.setStatus(""), NOTICE_SECONDS * 1000);
  }

  private announce(message: string): void {
    this.announcer.textContent = message;
  }
}
