/**
 * @tender/ktwidget/browser: opens KTPay's card widget in the payer's browser from the URL the merchant's
 * server made. A plain ES module with no Node imports and no secret. Unlike KTPay's own client it trusts
 * messages only from the widget's origin and its own iframe, follows a redirect only to an `http(s)` URL on a
 * host the merchant allows (a `javascript:` URL never becomes a navigation), keeps one `message` listener
 * however often it is opened, removes everything on close, and shows an error instead of an empty
 * full-screen frame when the widget cannot start.
 *
 * @example
 * ```ts
 * import { openKtwidget } from '@tender/ktwidget/browser';
 *
 * openKtwidget({
 *   url: async () => (await (await fetch('/checkout/ktwidget', { method: 'POST' })).json()).widgetUrl,
 *   allowedRedirectHosts: ['shop.example.kz'],
 *   onClose: () => console.log('the payer closed the widget'),
 * });
 * ```
 * @module
 */
import { type FrameElement, type PageElement, type PageMessageEvent, page } from './dom.ts';

/**
 * Why the widget did not do what was asked.
 *
 * - `invalid_url`: the widget URL is not an `http(s)` URL;
 * - `start_failed`: getting the widget URL failed (the merchant server or KTPay refused);
 * - `redirect_refused`: the widget asked for a redirect to a URL that is not `http(s)` on an allowed host.
 *
 * @example
 * ```ts
 * const code: KtwidgetBrowserErrorCode = 'start_failed';
 * ```
 */
export type KtwidgetBrowserErrorCode = 'invalid_url' | 'start_failed' | 'redirect_refused';

/**
 * An error reported to `onError`.
 *
 * @example
 * ```ts
 * onError: (error) => { if (error.code === 'start_failed') showRetryButton(); }
 * ```
 */
export class KtwidgetBrowserError extends Error {
  override readonly name = 'KtwidgetBrowserError';
  readonly code: KtwidgetBrowserErrorCode;

  constructor(code: KtwidgetBrowserErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Options of {@link openKtwidget}.
 *
 * @example
 * ```ts
 * const options: KtwidgetOpenOptions = { url: widgetUrl, allowedRedirectHosts: ['shop.example.kz'] };
 * ```
 */
export interface KtwidgetOpenOptions {
  /** The widget URL the server made, or a function that gets it (the overlay shows a loader meanwhile). */
  readonly url: string | (() => Promise<string>);
  /** Hosts (`host` or `host:port`) the widget may send the page to; nothing else is followed. */
  readonly allowedRedirectHosts: readonly string[];
  /** `'overlay'`: a full-screen iframe (default); `'redirect'`: the page itself goes to the widget. */
  readonly mode?: 'overlay' | 'redirect';
  /** The origin whose messages are trusted. @default the widget URL's origin */
  readonly widgetOrigin?: string;
  /** The overlay is gone (the widget posted `close`, or the payer closed the error box). */
  readonly onClose?: () => void;
  /** The widget asked for an allowed redirect; return `false` to navigate yourself. */
  readonly onRedirect?: (url: string) => boolean | undefined;
  /** The widget could not start, or sent something this module refused; see {@link KtwidgetBrowserError}. */
  readonly onError?: (error: KtwidgetBrowserError) => void;
  /** Shown when the widget cannot start. @default 'The payment form could not be opened. Please try again.' */
  readonly errorText?: string;
  /** @default 1000, as KTPay's client */
  readonly zIndex?: number;
}

/**
 * An open widget.
 *
 * @example
 * ```ts
 * const session: KtwidgetSession = openKtwidget(options);
 * cancelButton.onclick = () => session.close();
 * ```
 */
export interface KtwidgetSession {
  /** Removes the overlay and stops listening; calls `onClose` once. */
  close(): void;
  /** Whether the session is over. */
  readonly closed: boolean;
  /** Resolves once the widget URL is set on the frame (or the page was sent to it); never rejects. */
  readonly started: Promise<boolean>;
}

interface Active {
  readonly origin: () => string | undefined;
  readonly frame: () => FrameElement | undefined;
  readonly handle: (data: unknown) => void;
}

let active: Active | undefined;

/** The one `message` listener, present only while a widget is open. */
function onMessage(event: PageMessageEvent): void {
  const session = active;
  if (session === undefined) return;
  const origin = session.origin();
  const frame = session.frame();
  if (origin === undefined || frame === undefined) return;
  if (event.origin !== origin || event.source !== frame.contentWindow) return;
  session.handle(event.data);
}

function httpUrl(text: unknown): URL | undefined {
  if (typeof text !== 'string' || text.length > 4096) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const OVERLAY_STYLE = 'position:fixed;top:0;left:0;width:100%;height:100%;margin:0;padding:0;border:0;';
const FRAME_STYLE = 'display:block;width:100%;height:100%;border:0;background:transparent;';
const BOX_STYLE =
  'position:absolute;top:50%;left:50%;transform:translate(-50%,-50%);max-width:22rem;padding:1.5rem;' +
  'background:#fff;color:#111;border-radius:.5rem;font:16px/1.4 system-ui,sans-serif;text-align:center;';

/**
 * Opens the widget. In overlay mode a full-screen `div#ktpay_widget_wrapper` holding `iframe#iframe_widget`
 * is added to the page (as KTPay's client does) with a loading note until the URL is known. Opening again
 * closes the widget already open.
 *
 * @example
 * ```ts
 * const session = openKtwidget({
 *   url: operation.nextAction.parameters.url,
 *   allowedRedirectHosts: [location.host],
 *   onRedirect: (url) => console.log('going to', url),
 * });
 * ```
 */
export function openKtwidget(options: KtwidgetOpenOptions): KtwidgetSession {
  const globals = page();
  active?.handle('close');
  const allowed = new Set(options.allowedRedirectHosts.map((host) => host.toLowerCase()));
  const report = (error: KtwidgetBrowserError) => options.onError?.(error);
  let closed = false;
  let origin: string | undefined;
  let wrapper: PageElement | undefined;
  let frame: FrameElement | undefined;
  let note: PageElement | undefined;

  const stop = () => {
    if (active === self) {
      active = undefined;
      globals.removeEventListener('message', onMessage);
    }
  };
  const close = () => {
    if (closed) return;
    closed = true;
    stop();
    wrapper?.remove();
    wrapper = undefined;
    frame = undefined;
    options.onClose?.();
  };
  const redirect = (data: unknown) => {
    const url = httpUrl(data);
    if (url === undefined || !allowed.has(url.host.toLowerCase())) {
      report(
        new KtwidgetBrowserError('redirect_refused', 'the widget asked for a redirect that is not allowed'),
      );
      return;
    }
    // Declined by the app: the widget stays open and listening, the app navigates when it likes.
    if (options.onRedirect?.(url.href) === false) return;
    stop();
    globals.location.assign(url.href);
  };
  const self: Active = {
    origin: () => origin,
    frame: () => frame,
    handle: (data) => {
      if (closed) return;
      if (data === 'close') close();
      else if (typeof data === 'string' && data !== '') redirect(data);
    },
  };

  const showError = (error: KtwidgetBrowserError) => {
    report(error);
    if (closed || wrapper === undefined) return;
    frame?.remove();
    frame = undefined;
    note?.remove();
    const box = globals.document.createElement('div');
    box.setAttribute('role', 'alert');
    box.style.cssText = BOX_STYLE;
    const text = globals.document.createElement('p');
    text.textContent = options.errorText ?? 'The payment form could not be opened. Please try again.';
    const button = globals.document.createElement('button');
    button.textContent = 'Close';
    button.setAttribute('type', 'button');
    button.addEventListener('click', close);
    box.appendChild(text);
    box.appendChild(button);
    wrapper.appendChild(box);
  };

  const start = (text: unknown): boolean => {
    const url = httpUrl(text);
    if (url === undefined) {
      showError(new KtwidgetBrowserError('invalid_url', 'the widget URL is not an http(s) URL'));
      return false;
    }
    if (closed) return false;
    if (options.mode === 'redirect') {
      stop();
      globals.location.assign(url.href);
      return true;
    }
    origin = options.widgetOrigin ?? url.origin;
    if (frame !== undefined) frame.src = url.href;
    note?.remove();
    return true;
  };

  if (options.mode !== 'redirect') {
    wrapper = globals.document.createElement('div');
    wrapper.id = 'ktpay_widget_wrapper';
    wrapper.style.cssText = `${OVERLAY_STYLE}z-index:${options.zIndex ?? 1000};background:rgba(0,0,0,.5);`;
    note = globals.document.createElement('p');
    note.setAttribute('role', 'status');
    note.textContent = 'Loading the payment form…';
    note.style.cssText = `${BOX_STYLE}`;
    frame = globals.document.createElement('iframe');
    frame.id = 'iframe_widget';
    frame.setAttribute('title', 'Card payment');
    frame.setAttribute('allow', 'payment');
    frame.style.cssText = FRAME_STYLE;
    wrapper.appendChild(frame);
    wrapper.appendChild(note);
    globals.document.body.appendChild(wrapper);
  }
  active = self;
  // Removing first keeps the listener single even if a page loaded two copies of the handler's owner.
  globals.removeEventListener('message', onMessage);
  globals.addEventListener('message', onMessage);

  const given = options.url;
  const started: Promise<boolean> =
    typeof given === 'string'
      ? Promise.resolve(start(given))
      : Promise.resolve()
          .then(given)
          .then(start, (cause: unknown) => {
            showError(new KtwidgetBrowserError('start_failed', 'the widget could not be started', { cause }));
            return false;
          });

  return {
    close,
    get closed() {
      return closed;
    },
    started,
  };
}
