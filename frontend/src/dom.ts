/** Small helpers to build the viewer's own elements from text, never from markup strings. */

export const SVG_NS = "http://www.w3.org/2000/svg";

interface ElementProps {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
}

/** Creates an HTML element with a class, text content and attributes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

// 20×20 outline icons, drawn with a 1.75 px stroke in the current text colour.
const ICON_PATHS = {
  plus: "M10 4.5v11M4.5 10h11",
  minus: "M4.5 10h11",
  fit: "M3.5 7.5v-4h4M12.5 3.5h4v4M16.5 12.5v4h-4M7.5 16.5h-4v-4",
  search: "M8.75 14.5a5.75 5.75 0 1 0 0-11.5 5.75 5.75 0 0 0 0 11.5ZM13 13l3.75 3.75",
  download: "M10 3.5v9M6.25 9 10 12.75 13.75 9M4 16.5h12",
  close: "M5.5 5.5l9 9M14.5 5.5l-9 9",
  external: "M11.5 3.5h5v5M16.5 3.5 9.5 10.5M14.5 11.5v5h-11v-11h5",
  target: "M10 16.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM10 12a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z",
  expand: "M3.5 7.5v-4h4M3.5 3.5l4.5 4.5M16.5 12.5v4h-4M16.5 16.5 12 12",
} as const;

export type IconName = keyof typeof ICON_PATHS;

/** A decorative icon; the control that holds it carries the accessible name. */
export function icon(name: IconName): SVGSVGElement {
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

/** A button with an icon and a label; `labelHidden` keeps the label for assistive technology only. */
export function iconButton(
  name: IconName,
  label: string,
  options: { labelHidden?: boolean; class?: string } = {},
): HTMLButtonElement {
  const text = h("span", { text: label, class: options.labelHidden ? "dv-visually-hidden" : "" });
  const button = h(
    "button",
    { class: options.class ?? "dv-button", attrs: { type: "button" } },
    icon(name),
    text,
  );
  if (options.labelHidden) button.title = label;
  return button;
}

let idCounter = 0;

/** A document-unique id, for label/aria references between the viewer's own elements. */
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
