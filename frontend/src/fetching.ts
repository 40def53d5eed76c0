/**
 * Same-origin requests for diagrams and the services list.
 *
 * A diagram URL may answer 202 Accepted while its render job runs; the viewer then asks
 * again after Retry-After seconds (1 s when absent), for up to two minutes.
 */

import { parseSafeSvg } from "./sanitize";

const DEFAULT_RETRY_SECONDS = 1;
const MAX_WAIT_SECONDS = 120;

export class FetchError extends Error {}

function sameOrigin(url: string): URL {
  const target = new URL(url, document.baseURI);
  if (target.origin !== window.location.origin) {
    throw new FetchError("The viewer only loads diagrams from this site.");
  }
  return target;
}

function wait(seconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, seconds * 1000);
    signal.addEventListener(
      "abort",
      () => {
        window.clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

async function request(url: string, accept: string, signal?: AbortSignal): Promise<Response> {
  return fetch(sameOrigin(url), { credentials: "same-origin", headers: { Accept: accept }, signal });
}

/** Fetches a diagram and returns it cleaned; `onPending` is told while the server is still rendering. */
export async function fetchDiagram(
  url: string,
  signal: AbortSignal,
  onPending: () => void,
): Promise<SVGSVGElement> {
  let waited = 0;
  for (;;) {
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

export interface ServiceLink {
  name: string;
  url: string | null;
}

/** The services list: a JSON list, or an object whose `results` is that list, of {name, url}. */
export async function fetchServices(url: string): Promise<ServiceLink[]> {
  const response = await request(url, "application/json");
  if (!response.ok) throw new FetchError(`The services list could not be loaded (HTTP ${response.status}).`);
  const body: unknown = await response.json();
  const items = Array.isArray(body) ? body : (body as { results?: unknown })?.results;
  if (!Array.isArray(items)) throw new FetchError("The services list is not a JSON list.");
  return items
    .filter((item): item is { name: string; url?: unknown } => typeof item?.name === "string")
    .map((item) => ({ name: item.name, url: typeof item.url === "string" ? item.url : null }));
}
