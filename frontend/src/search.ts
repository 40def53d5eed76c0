/**
 * "Find a service": a combobox (WAI-ARIA pattern) whose suggestions are the diagram's
 * nodes and, when the page gives a services list, the services this view does not draw.
 */

import { h, icon, uniqueId } from "./dom";

export interface SearchEntry {
  name: string;
  kind: string;
  /** False for a service that this view does not draw (e.g. collapsed into its domain). */
  drawn: boolean;
}

const MAX_SUGGESTIONS = 8;

/** The exact name first, then names starting with the query, then names containing it. */
function rankMatches(entries: readonly SearchEntry[], query: string): SearchEntry[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const rank = (name: string) => (name === needle ? 0 : name.startsWith(needle) ? 1 : 2);
  return entries
    .filter((entry) => entry.name.toLowerCase().includes(needle))
    .map((entry) => ({ entry, rank: rank(entry.name.toLowerCase()) }))
    .sort((a, b) => a.rank - b.rank || a.entry.name.localeCompare(b.entry.name))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ entry }) => entry);
}

export class ServiceSearch {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private entries: SearchEntry[] = [];
  private matches: SearchEntry[] = [];
  private active = -1;

  constructor(
    private readonly onChoose: (entry: SearchEntry) => void,
    private readonly onNoMatch: (query: string) => void,
    onFirstFocus: () => void,
  ) {
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
        placeholder: "Find a service…",
      },
    });
    this.list = h("ul", {
      class: "dv-suggestions",
      attrs: { id: listId, role: "listbox", "aria-label": "Matching services" },
    });
    this.list.hidden = true;
    const label = h("label", {
      class: "dv-visually-hidden",
      text: "Find a service",
      attrs: { for: inputId },
    });
    const keyHint = h("kbd", { class: "dv-search-key", text: "/", attrs: { "aria-hidden": "true" } });
    this.element = h(
      "div",
      { class: "dv-search", attrs: { role: "search" } },
      label,
      icon("search"),
      this.input,
      keyHint,
      this.list,
    );

    this.input.addEventListener("focus", onFirstFocus, { once: true });
    this.input.addEventListener("input", () => this.update());
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    this.input.addEventListener("blur", () => this.close());
    // mousedown, not click: choosing must happen before the input's blur closes the list.
    this.list.addEventListener("mousedown", (event) => {
      const option = (event.target as Element).closest<HTMLElement>("[role=option]");
      if (!option) return;
      event.preventDefault();
      this.choose(this.matches[Number(option.dataset.index)]);
    });
  }

  setEntries(entries: SearchEntry[]): void {
    this.entries = entries;
    if (document.activeElement === this.input) this.update();
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private update(): void {
    this.matches = rankMatches(this.entries, this.input.value);
    this.active = this.matches.length ? 0 : -1;
    this.list.replaceChildren(...this.matches.map((entry, index) => this.option(entry, index)));
    this.list.hidden = this.matches.length === 0;
    this.input.setAttribute("aria-expanded", String(!this.list.hidden));
    this.showActive();
  }

  private option(entry: SearchEntry, index: number): HTMLLIElement {
    const detail = entry.drawn ? entry.kind : `${entry.kind || "service"} · not in this view`;
    return h(
      "li",
      {
        class: "dv-suggestion",
        attrs: { role: "option", id: `${this.list.id}-${index}`, "data-index": String(index) },
      },
      h("span", { class: "dv-suggestion-name", text: entry.name }),
      h("span", { class: "dv-suggestion-kind", text: detail }),
    );
  }

  private showActive(): void {
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

  private onKey(event: KeyboardEvent): void {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
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

  private choose(entry: SearchEntry): void {
    this.input.value = entry.name;
    this.close();
    this.onChoose(entry);
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }
}
