/** Reads the viewer's settings from the container's data attributes (see main.ts for the contract). */

export interface Download {
  format: string;
  url: string;
  label?: string;
}

export interface ViewLink {
  name: string;
  title: string;
  /** The view's page: where the link goes, and what the address bar shows after an in-place switch. */
  url: string;
  /** When given, the view is switched in place by fetching this SVG. */
  svgUrl?: string;
  downloads: Download[];
}

export interface ViewerConfig {
  svgUrl: string | null;
  views: ViewLink[];
  currentView: string;
  downloads: Download[];
  servicesUrl: string | null;
}

export class ConfigError extends Error {}

function parseJsonAttribute(root: HTMLElement, attribute: string): unknown {
  const raw = root.getAttribute(attribute);
  if (raw === null || raw.trim() === "") return [];
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(`${attribute} is not valid JSON.`);
  }
}

function requireString(value: unknown, where: string): string {
  if (typeof value !== "string" || value === "")
    throw new ConfigError(`${where} must be a non-empty string.`);
  return value;
}

function optionalString(value: unknown, where: string): string | undefined {
  return value === undefined || value === null ? undefined : requireString(value, where);
}

function asList(value: unknown, where: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "object" && item !== null)) {
    throw new ConfigError(`${where} must be a JSON list of objects.`);
  }
  return value as Record<string, unknown>[];
}

function readDownloads(value: unknown, where: string): Download[] {
  return asList(value, where).map((item, index) => ({
    format: requireString(item.format, `${where}[${index}].format`),
    url: requireString(item.url, `${where}[${index}].url`),
    label: optionalString(item.label, `${where}[${index}].label`),
  }));
}

function readViews(value: unknown): ViewLink[] {
  return asList(value, "data-views").map((item, index) => {
    const where = `data-views[${index}]`;
    return {
      name: requireString(item.name, `${where}.name`),
      title: requireString(item.title, `${where}.title`),
      url: requireString(item.url, `${where}.url`),
      svgUrl: optionalString(item.svg_url, `${where}.svg_url`),
      downloads: item.downloads === undefined ? [] : readDownloads(item.downloads, `${where}.downloads`),
    };
  });
}

/** Parses and checks every attribute; a ConfigError says which one is wrong. */
export function readViewerConfig(root: HTMLElement): ViewerConfig {
  return {
    svgUrl: root.dataset.svgUrl || null,
    views: readViews(parseJsonAttribute(root, "data-views")),
    currentView: root.dataset.currentView ?? "",
    downloads: readDownloads(parseJsonAttribute(root, "data-downloads"), "data-downloads"),
    servicesUrl: root.dataset.servicesUrl || null,
  };
}
