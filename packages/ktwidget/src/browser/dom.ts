// The few DOM shapes the browser part uses, declared here so the package needs no DOM library in its
// TypeScript settings and its declarations work in any consumer project.

/** An element as the browser part uses it. */
export interface PageElement {
  id: string;
  textContent: string | null;
  readonly style: { cssText: string };
  setAttribute(name: string, value: string): void;
  appendChild(child: PageElement): unknown;
  remove(): void;
  addEventListener(type: 'click', listener: () => void): void;
}

/** An iframe as the browser part uses it. */
export interface FrameElement extends PageElement {
  src: string;
  readonly contentWindow: unknown;
}

/** What a `message` event carries. */
export interface PageMessageEvent {
  readonly origin: string;
  readonly source: unknown;
  readonly data: unknown;
}

/** The globals of a page. */
export interface PageGlobals {
  readonly document: {
    createElement(tag: 'iframe'): FrameElement;
    createElement(tag: 'div' | 'button' | 'p'): PageElement;
    readonly body: PageElement;
  };
  addEventListener(type: 'message', listener: (event: PageMessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: PageMessageEvent) => void): void;
  readonly location: { assign(url: string): void };
}

/** The page this module runs in. */
export function page(): PageGlobals {
  return globalThis as unknown as PageGlobals;
}
