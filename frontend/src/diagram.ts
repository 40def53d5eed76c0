/**
 * One diagram on the canvas: the Graphviz SVG made to fill the canvas, its content wrapped
 * in the <g> the camera moves, and an index of its nodes by name.
 */

import type { Box } from "./camera";
import { SVG_NS } from "./dom";

export interface DiagramNode {
  kind: string;
  name: string;
  tooltip: string;
  href: string | null;
  element: SVGGElement;
}

const SELECTED_CLASS = "dv-selected";

function linkOf(anchor: Element | null): string | null {
  return anchor?.getAttribute("href") ?? anchor?.getAttribute("xlink:href") ?? null;
}

function readNode(element: SVGGElement): DiagramNode {
  const anchor = element.querySelector("a");
  const title = element.querySelector(":scope > title")?.textContent?.trim() ?? "";
  const name = element.dataset.name ?? title;
  // Graphviz writes a node's tooltip on its link when it has one, in <title> otherwise.
  const tooltip = (anchor?.getAttribute("xlink:title") ?? anchor?.getAttribute("title") ?? title).trim();
  return {
    kind: element.dataset.kind ?? "",
    name,
    tooltip: tooltip === name ? "" : tooltip,
    href: linkOf(anchor),
    element,
  };
}

/** Each node gets one keyboard stop: its link when it has one, the node itself otherwise. */
function makeFocusable(node: DiagramNode): void {
  const label = node.kind ? `${node.name} (${node.kind})` : node.name;
  const anchor = node.element.querySelector("a");
  const focusTarget = anchor ?? node.element;
  if (!anchor) {
    node.element.setAttribute("tabindex", "0");
    node.element.setAttribute("role", "button");
  }
  focusTarget.setAttribute("aria-label", label);
}

export class Diagram {
  readonly viewport: SVGGElement;
  readonly nodes: DiagramNode[];
  private readonly byName = new Map<string, DiagramNode>();
  private readonly byElement = new Map<Element, DiagramNode>();
  private selected: DiagramNode | null = null;

  constructor(
    readonly svg: SVGSVGElement,
    description: string,
  ) {
    // The camera works in CSS pixels: the SVG fills the canvas and the transform does the rest.
    for (const attribute of ["width", "height", "viewBox", "preserveAspectRatio"])
      svg.removeAttribute(attribute);
    svg.classList.add("dv-svg");
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", description);
    this.viewport = document.createElementNS(SVG_NS, "g");
    this.viewport.classList.add("dv-viewport");
    this.viewport.append(...Array.from(svg.childNodes));
    svg.append(this.viewport);

    this.nodes = Array.from(svg.querySelectorAll<SVGGElement>("g.node")).map(readNode);
    for (const node of this.nodes) {
      makeFocusable(node);
      this.byElement.set(node.element, node);
      if (!this.byName.has(node.name)) this.byName.set(node.name, node);
    }
  }

  find(name: string): DiagramNode | undefined {
    return this.byName.get(name);
  }

  /** The node an event happened in, if any. */
  nodeFrom(target: EventTarget | null): DiagramNode | null {
    const element = target instanceof Element ? target.closest("g.node") : null;
    return element ? (this.byElement.get(element) ?? null) : null;
  }

  /** The whole drawing, in diagram units (before the camera's transform). */
  contentBox(): Box {
    const { x, y, width, height } = this.viewport.getBBox();
    return { x, y, width, height };
  }

  /** A node's box in diagram units, whatever transforms Graphviz put between it and the viewport. */
  nodeBox(node: DiagramNode): Box {
    const box = node.element.getBBox();
    const toViewport = this.viewport
      .getCTM()
      ?.inverse()
      .multiply(node.element.getCTM() ?? new DOMMatrix());
    if (!toViewport) return box;
    const topLeft = new DOMPoint(box.x, box.y).matrixTransform(toViewport);
    const bottomRight = new DOMPoint(box.x + box.width, box.y + box.height).matrixTransform(toViewport);
    return {
      x: topLeft.x,
      y: topLeft.y,
      width: bottomRight.x - topLeft.x,
      height: bottomRight.y - topLeft.y,
    };
  }

  select(node: DiagramNode | null): void {
    this.selected?.element.classList.remove(SELECTED_CLASS);
    this.selected = node;
    node?.element.classList.add(SELECTED_CLASS);
  }

  focusTarget(node: DiagramNode): SVGElement {
    return node.element.querySelector<SVGAElement>("a") ?? node.element;
  }
}
