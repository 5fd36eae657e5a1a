/**
 * KTPay's hosts (reference §4): the "fintech" API that accepts sealed transactions and the widget pages
 * shown to the payer. These are the pairs the current browser client uses; the PHP SDK's older production
 * URL (`https://ktpay.kz/...`) and the retired `card.*` hosts are not defaults, but any host pair can be
 * given explicitly.
 *
 * @example
 * ```ts
 * KTWIDGET_HOSTS.test.widget; // 'https://widget.test.nplus.tech'
 * ```
 */
export const KTWIDGET_HOSTS = {
  test: { fintech: 'https://fintech.test.nplus.tech', widget: 'https://widget.test.nplus.tech' },
  production: { fintech: 'https://fintech.nplus.tech', widget: 'https://widget.nplus.tech' },
} as const;

/**
 * Which KTPay environment to use.
 *
 * @example
 * ```ts
 * const environment: KtwidgetEnvironment = 'test';
 * ```
 */
export type KtwidgetEnvironment = keyof typeof KTWIDGET_HOSTS;

/**
 * A pair of KTPay hosts: where transactions are created and where the widget page lives.
 *
 * @example
 * ```ts
 * const hosts: KtwidgetHosts = { fintech: simulator.fintechUrl, widget: simulator.widgetUrl };
 * ```
 */
export interface KtwidgetHosts {
  readonly fintech: string;
  readonly widget: string;
}
