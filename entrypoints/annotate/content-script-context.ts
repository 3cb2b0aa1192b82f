// The card's lifecycle context, in place of WXT's (which announces itself to the page with events
// named after the extension id and ends when the page sends one back). This one posts, dispatches
// and listens to nothing on the page, and ends only when the extension goes away (`runtime.id` gone,
// noticed whenever `isInvalid` is read). The card's script creates it; WXT's createShadowRootUi
// takes it in place of its own.
import { isExtensionAlive } from './extension-alive';
import type { ContentScriptDefinition } from 'wxt';
import type { ContentScriptContext as WxtContentScriptContext } from 'wxt/utils/content-script-context';

/** What WXT's createShadowRootUi and our card use of a context. */
type ContextSurface = Pick<
  WxtContentScriptContext,
  | 'options'
  | 'signal'
  | 'abort'
  | 'isInvalid'
  | 'isValid'
  | 'onInvalidated'
  | 'block'
  | 'setInterval'
  | 'setTimeout'
  | 'requestAnimationFrame'
  | 'requestIdleCallback'
  | 'notifyInvalidated'
>;

export class ContentScriptContext implements ContextSurface {
  readonly #controller = new AbortController();

  /** Same signature as WXT's. */
  constructor(
    readonly contentScriptName: string,
    readonly options?: Omit<ContentScriptDefinition, 'main'>,
  ) {}

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  /** Also how the script learns the extension went away (reloaded, updated, removed): a normal shutdown. */
  get isInvalid(): boolean {
    if (!this.signal.aborted && !isExtensionAlive()) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(callback: () => void): () => void {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }

  block<T>(): Promise<T> {
    return new Promise(() => {});
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = window.setInterval(() => {
      if (this.isValid) handler();
    }, timeout);
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = window.setTimeout(() => {
      if (this.isValid) handler();
    }, timeout);
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((time) => {
      if (this.isValid) callback(time);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((deadline) => {
      if (!this.signal.aborted) callback(deadline);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /**
   * Listens until the context ends. WXT's `wxt:locationchange` pseudo-event is refused rather than
   * silently never firing: use `watchPageLocation`.
   */
  addEventListener(target: EventTarget, type: string, handler: EventListener, options?: AddEventListenerOptions): void {
    if (type.startsWith('wxt:')) throw new Error(`"${type}" is not available in Sidenote's content-script context`);
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }
}
