/**
 * Mouse, touch, wheel and keyboard input on the canvas, turned into camera moves.
 *
 * A press becomes a drag only after it has moved a few pixels, so that a click on a node
 * still reaches the node; the click that ends a real drag is swallowed.
 */

import type { Camera, Point } from "./camera";

const DRAG_THRESHOLD_PX = 4;
const KEY_PAN_PX = 60;
export const ZOOM_STEP = 1.25;

function wheelZoomFactor(event: WheelEvent): number {
  // Lines and pages come from some mice; pixels from trackpads and most mice.
  const perUnit =
    event.deltaMode === WheelEvent.DOM_DELTA_LINE
      ? 0.05
      : event.deltaMode === WheelEvent.DOM_DELTA_PAGE
        ? 0.5
        : 0.002;
  return Math.exp(-event.deltaY * perUnit);
}

function canvasPoint(canvas: HTMLElement, event: { clientX: number; clientY: number }): Point {
  const rect = canvas.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

export function canvasCentre(canvas: HTMLElement): Point {
  return { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 };
}

/** Drag to pan and wheel to zoom around the pointer. */
export function bindPointer(canvas: HTMLElement, camera: Camera): void {
  let press: { id: number; start: Point; last: Point; dragging: boolean } | null = null;
  let swallowNextClick = false;

  canvas.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || press) return;
    const point = { x: event.clientX, y: event.clientY };
    press = { id: event.pointerId, start: point, last: point, dragging: false };
  });

  canvas.addEventListener("pointermove", (event) => {
    if (!press || event.pointerId !== press.id) return;
    if (!press.dragging) {
      const moved = Math.hypot(event.clientX - press.start.x, event.clientY - press.start.y);
      if (moved < DRAG_THRESHOLD_PX) return;
      press.dragging = true;
      canvas.setPointerCapture(event.pointerId);
      canvas.classList.add("dv-dragging");
    }
    camera.panBy(event.clientX - press.last.x, event.clientY - press.last.y, true);
    press.last = { x: event.clientX, y: event.clientY };
  });

  const release = (event: PointerEvent) => {
    if (!press || event.pointerId !== press.id) return;
    swallowNextClick = press.dragging;
    press = null;
    canvas.classList.remove("dv-dragging");
  };
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);

  canvas.addEventListener(
    "click",
    (event) => {
      if (!swallowNextClick) return;
      swallowNextClick = false;
      event.preventDefault();
      event.stopPropagation();
    },
    { capture: true },
  );

  // Links inside nodes would otherwise start the browser's own drag and drop.
  canvas.addEventListener("dragstart", (event) => event.preventDefault());

  canvas.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      camera.zoomBy(wheelZoomFactor(event), canvasPoint(canvas, event), true);
    },
    { passive: false },
  );
}

export interface KeyActions {
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  focusSearch(): void;
  escape(): void;
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [KEY_PAN_PX, 0],
  ArrowRight: [-KEY_PAN_PX, 0],
  ArrowUp: [0, KEY_PAN_PX],
  ArrowDown: [0, -KEY_PAN_PX],
};

/**
 * + / - / 0 and / anywhere in the viewer except text fields; arrow keys pan while the
 * canvas itself has focus (elsewhere they keep their usual meaning).
 */
export function bindKeys(root: HTMLElement, canvas: HTMLElement, camera: Camera, actions: KeyActions): void {
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      actions.escape();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return;
    const handlers: Record<string, () => void> = {
      "+": actions.zoomIn,
      "=": actions.zoomIn,
      "-": actions.zoomOut,
      _: actions.zoomOut,
      "0": actions.fit,
      "/": actions.focusSearch,
    };
    const handler = handlers[event.key];
    const arrow = event.target === canvas ? ARROWS[event.key] : undefined;
    if (handler) handler();
    else if (arrow) camera.panBy(...arrow);
    else return;
    event.preventDefault();
  });
}
