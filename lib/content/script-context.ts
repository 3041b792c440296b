import { browser } from 'wxt/browser';

/**
 * What a content script's `main` may use of its context. WXT's own context has all of it, so
 * `main(ctx: ScriptContext)` type-checks against `defineContentScript`, and what the entry points
 * call is exactly what the class below provides.
 */
export interface ScriptContext {
  readonly signal: AbortSignal;
  readonly isValid: boolean;
  onInvalidated(cb: () => void): () => void;
  setTimeout(handler: () => void, timeout?: number): number;
  setInterval(handler: () => void, timeout?: number): number;
  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number;
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void;
  notifyInvalidated(): void;
}

/**
 * The context every content script's `main` receives, in place of WXT's (wxt.config.ts aliases
 * `wxt/utils/content-script-context` to this module for content-script builds).
 *
 * WXT's context announces each script to the page with `window.postMessage` and a CustomEvent,
 * and ends itself when it sees such a CustomEvent from "another copy": any page can dispatch one
 * and silence the sensor. This one says nothing to the page and listens to nothing a page can
 * dispatch. A copy of the script is over when the extension is reloaded or updated: then
 * `runtime.id` is gone (checked on every timer tick) or a message fails with "Extension context
 * invalidated" (lib/content/send-message.ts); its timers and listeners all stop with it.
 */
export class ContentScriptContext implements ScriptContext {
  private readonly controller = new AbortController();

  // The signature WXT's generated entry calls: `new ContentScriptContext(name, options)`.
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isInvalid(): boolean {
    if (!this.signal.aborted && browser?.runtime?.id == null) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  notifyInvalidated(): void {
    this.abort('content script context invalidated');
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  setTimeout(handler: () => void, timeout?: number): number {
    // The sensor sets a timeout for each trailing pulse: one that has run forgets its abort hook,
    // so hooks do not pile up over a long working session.
    const forget = this.onInvalidated(() => clearTimeout(id));
    const id = setTimeout(() => {
      forget();
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    return id;
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const forget = this.onInvalidated(() => cancelIdleCallback(id));
    const id = requestIdleCallback((deadline) => {
      forget();
      if (this.isValid) callback(deadline);
    }, options);
    return id;
  }

  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }
}
