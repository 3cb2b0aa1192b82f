// The card's lifecycle context, in place of WXT's (which announces itself to the page with events
// named after the extension id and ends when the page sends one back). This one posts, dispatches
// and listens to nothing on the page, and ends only when the extension goes away (`runtime.id` gone,
// noticed whenever `isInvalid` is read). The card creates it; WXT's createShadowRootUi takes it in
// place of its own. (The per-page script keeps only a lifetime: index.ts.)
import { browser } from 'wxt/browser';
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
  #isEnded = false;
  #endReason: unknown;
  readonly #onEnd = new Set<() => void>();
  /** Made only when something asks for `signal`. */
  #controller: AbortController | undefined;

  /** Same signature as WXT's. */
  constructor(
    readonly contentScriptName: string,
    readonly options?: Omit<ContentScriptDefinition, 'main'>,
  ) {}

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#isEnded) this.#controller.abort(this.#endReason);
    }
    return this.#controller.signal;
  }

  /** Ends the context once: its callbacks run, and its signal (if one was made) aborts. */
  abort(reason?: unknown): void {
    if (this.#isEnded) return;
    this.#isEnded = true;
    this.#endReason = reason;
    this.#controller?.abort(reason);
    const callbacks = [...this.#onEnd];
    this.#onEnd.clear();
    for (const callback of callbacks) callback();
  }

  /** Also how the script learns the extension went away (reloaded, updated, removed): a normal shutdown. */
  get isInvalid(): boolean {
    if (!this.#isEnded && !isExtensionAlive()) this.notifyInvalidated();
    return this.#isEnded;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  /** Like an abort listener: called once when the context ends, never if it has ended already. */
  onInvalidated(callback: () => void): () => void {
    // A fresh wrapper each time, so the same function registered twice runs twice, as listeners would.
    const once = () => callback();
    if (!this.#isEnded) this.#onEnd.add(once);
    return () => this.#onEnd.delete(once);
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
      if (!this.#isEnded) callback(deadline);
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
