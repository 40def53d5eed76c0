/**
 * Turns SVG text fetched from the server into an element that is safe to put in the page.
 *
 * The server already cleans its SVG; this is the second line of defence. Only the elements
 * Graphviz draws with survive, every on* attribute goes, and links keep only http(s),
 * relative and in-document targets.
 */

import { SVG_NS } from "./dom";

const ALLOWED_ELEMENTS = new Set([
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
  "clipPath",
]);

const LINK_ATTRIBUTES = new Set(["href", "xlink:href"]);
// A stylesheet url() could still fetch from elsewhere; Graphviz never writes one.
const EXTERNAL_STYLE_URL = /url\s*\(\s*['"]?\s*(?!#)/i;

export class UnsafeSvgError extends Error {}

function isSafeLink(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.startsWith("#")) return true;
  try {
    const { protocol } = new URL(trimmed, document.baseURI);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function cleanAttributes(element: Element): void {
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    const unsafe =
      name.startsWith("on") ||
      (LINK_ATTRIBUTES.has(name) && !isSafeLink(attribute.value)) ||
      (name === "style" && EXTERNAL_STYLE_URL.test(attribute.value));
    if (unsafe) element.removeAttributeNode(attribute);
  }
}

function cleanTree(root: Element): void {
  // Collected first: removing while walking would skip siblings.
  const disallowed = Array.from(root.querySelectorAll("*")).filter(
    (element) => element.namespaceURI !== SVG_NS || !ALLOWED_ELEMENTS.has(element.localName),
  );
  for (const element of disallowed) element.remove();
  for (const element of [root, ...Array.from(root.querySelectorAll("*"))]) cleanAttributes(element);
}

/** Parses SVG text as XML, strips anything active and adopts the result into this document. */
export function parseSafeSvg(text: string): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  const root = parsed.documentElement;
  if (parsed.querySelector("parsererror") || root.namespaceURI !== SVG_NS || root.localName !== "svg") {
    throw new UnsafeSvgError("The server did not send a readable SVG diagram.");
  }
  cleanTree(root);
  return document.importNode(root, true) as unknown as SVGSVGElement;
}
