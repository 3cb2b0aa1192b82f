// The content script's lifecycle context, in place of WXT's (wxt.config.ts aliases
// `wxt/utils/content-script-context` here for content-script builds). WXT's announces itself to the
// page with events named after the extension id and ends when the page sends one back; this one posts,
// dispatches and listens to nothing on the page, and ends only when the extension goes away
// (`runtime.id` gone, noticed whenever `isInvalid` is read). In-page navigation: page-location.ts.
import { browser } from 'wxt/browser';
import type { ContentScriptDefinition } from 'wxt';
import type { ContentScriptContext as WxtContentScriptContext } from 'wxt/utils/content-script-context';

/** What WXT's own code (the entrypoint wrapper, createShadowRootUi) and ours use of a context. */
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

  /** Same signature as WXT's: its entrypoint wrapper calls `new ContentScriptContext(name, options)`. */
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

/** Chrome leaves an orphaned script running with `runtime.id` undefined; Firefox destroys it outright. */
function isExtensionAlive(): boolean {
  try {
    return browser.runtime?.id !== undefined;
  } catch {
    // Reading `runtime` itself can throw once the extension is gone: that is the same answer.
    return false;
  }
}
