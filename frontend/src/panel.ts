/** The side panel that describes the chosen node: name, kind, tooltip and a link to its page. */

import { h, icon, iconButton, uniqueId } from "./dom";

export interface PanelSubject {
  name: string;
  kind: string;
  tooltip: string;
  href: string | null;
  /** False for a service this view does not draw. */
  drawn: boolean;
}

function capitalised(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

export class DetailsPanel {
  readonly element: HTMLElement;
  private readonly kind = h("p", { class: "dv-panel-kind" });
  private readonly heading: HTMLHeadingElement;
  private readonly tooltip = h("p", { class: "dv-panel-tooltip" });
  private readonly notDrawn = h("p", {
    class: "dv-panel-note",
    text: "This view does not draw it on its own: it is inside a collapsed group, or outside the view.",
  });
  private readonly linkText = h("span");
  private readonly link = h("a", { class: "dv-button dv-button-primary" }, this.linkText, icon("external"));
  private readonly centreButton = iconButton("target", "Centre");

  constructor(onClose: () => void, onCentre: () => void) {
    const headingId = uniqueId("dv-panel-title");
    this.heading = h("h2", { class: "dv-panel-name", attrs: { id: headingId, tabindex: "-1" } });
    const close = iconButton("close", "Close details", {
      labelHidden: true,
      class: "dv-button dv-button-quiet dv-panel-close",
    });
    close.addEventListener("click", onClose);
    this.centreButton.addEventListener("click", onCentre);
    this.element = h(
      "aside",
      { class: "dv-panel", attrs: { "aria-labelledby": headingId } },
      h("header", { class: "dv-panel-header" }, h("div", {}, this.kind, this.heading), close),
      this.tooltip,
      this.notDrawn,
      h("div", { class: "dv-panel-actions" }, this.link, this.centreButton),
    );
    this.element.hidden = true;
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  show(subject: PanelSubject, { focus }: { focus: boolean }): void {
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

  hide(): void {
    this.element.hidden = true;
  }
}
