/**
 * Serves the KTWidget checkout example against the local KTPay simulator. Run:
 *   pnpm example examples/ktwidget-checkout/server.ts   (PORT=8080 to choose the port)
 * then open the printed URL, press "Pay by card" and use a test card: 4400 4400 4400 4402 pays,
 * 4000 0000 0000 0002 is declined by the bank. Add ?fail=1 to the URL to see a failed start.
 */
import { closeOnSignal } from '../support/router.ts';
import { startCheckout } from './app.ts';

const checkout = await startCheckout({ port: Number(process.env.PORT ?? 0), timeScale: 0.01 });
console.log(`checkout      ${checkout.url}/`);
console.log(`KTPay widget  ${checkout.ktpay.widgetUrl} (simulator)`);
console.log(`browser part  ${checkout.browserModuleBytes} bytes (minified ES module)`);
closeOnSignal(() => checkout.close());
