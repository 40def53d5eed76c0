/**
 * Pan and zoom as one affine transform on the diagram's wrapping <g>.
 *
 * Discrete moves (buttons, keys, fit, search) rewrite that transform at the next animation
 * frame. A continuous gesture (wheel, drag) would make the browser repaint the whole SVG
 * every frame, which a map of hundreds of services cannot afford: during the gesture the
 * already painted <svg> layer is moved with a CSS transform instead (the compositor does
 * that without repainting), and the <g> transform is rewritten once the gesture rests.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

interface View {
  scale: number;
  x: number;
  y: number;
}

const MAX_SCALE = 8;
const FIT_PADDING = 24;
// A small diagram is fitted a little larger than drawn (Graphviz text is small), not blown up.
const MAX_FIT_SCALE = 1.25;
// How long a gesture must pause before the diagram is repainted sharp at its new scale.
const REST_MS = 140;

export class Camera {
  scale = 1;
  x = 0;
  y = 0;
  private minScale = 0.05;
  private painted: View = { scale: 1, x: 0, y: 0 };
  private moving = false;
  private restTimer = 0;
  private frame = 0;
  private readonly listeners: Array<() => void> = [];
  private target: SVGGElement | null = null;
  private layer: SVGSVGElement | null = null;

  /** Points the camera at a diagram's wrapping <g> and its <svg> (again after each view switch). */
  attach(target: SVGGElement, layer: SVGSVGElement): void {
    this.target = target;
    this.layer = layer;
    this.moving = false;
    this.schedule();
  }

  /** True while a gesture's result is only shown by moving the painted layer. */
  get isMoving(): boolean {
    return this.moving;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Zooms by `factor`, keeping the canvas point `anchor` where it is on screen. */
  zoomBy(factor: number, anchor: Point, gesture = false): void {
    const scale = this.clampScale(this.scale * factor);
    const applied = scale / this.scale;
    this.x = anchor.x - (anchor.x - this.x) * applied;
    this.y = anchor.y - (anchor.y - this.y) * applied;
    this.scale = scale;
    this.update(gesture);
  }

  panBy(dx: number, dy: number, gesture = false): void {
    this.x += dx;
    this.y += dy;
    this.update(gesture);
  }

  /** Shows all of `content` (diagram units) inside a viewport of the given size. */
  fit(content: Box, viewport: { width: number; height: number }): void {
    if (content.width <= 0 || content.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return;
    const fitted = Math.min(
      (viewport.width - 2 * FIT_PADDING) / content.width,
      (viewport.height - 2 * FIT_PADDING) / content.height,
    );
    // Never let zooming out stop short of the whole diagram.
    this.minScale = Math.min(fitted / 2, 0.5);
    this.scale = this.clampScale(Math.min(fitted, MAX_FIT_SCALE));
    this.x = (viewport.width - content.width * this.scale) / 2 - content.x * this.scale;
    this.y = (viewport.height - content.height * this.scale) / 2 - content.y * this.scale;
    this.update(false);
  }

  /** Moves the diagram point `point` to the centre of the viewport, zooming in to at least `minScale`. */
  centreOn(point: Point, viewport: { width: number; height: number }, minScale: number): void {
    this.scale = this.clampScale(Math.max(this.scale, minScale));
    this.x = viewport.width / 2 - point.x * this.scale;
    this.y = viewport.height / 2 - point.y * this.scale;
    this.update(false);
  }

  private clampScale(scale: number): number {
    return Math.min(MAX_SCALE, Math.max(this.minScale, scale));
  }

  private update(gesture: boolean): void {
    window.clearTimeout(this.restTimer);
    this.moving = gesture;
    if (gesture) {
      this.restTimer = window.setTimeout(() => {
        this.moving = false;
        this.schedule();
      }, REST_MS);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.moving) this.moveLayer();
      else this.paint();
      for (const listener of this.listeners) listener();
    });
  }

  /** Shows the current view by moving what was painted for `painted`. */
  private moveLayer(): void {
    const ratio = this.scale / this.painted.scale;
    const dx = this.x - ratio * this.painted.x;
    const dy = this.y - ratio * this.painted.y;
    if (this.layer) this.layer.style.transform = `translate(${dx}px, ${dy}px) scale(${ratio})`;
  }

  private paint(): void {
    const { scale, x, y } = this;
    this.target?.setAttribute("transform", `matrix(${scale} 0 0 ${scale} ${x} ${y})`);
    this.layer?.style.removeProperty("transform");
    this.painted = { scale, x, y };
  }
}
