// The load generator of the stores bench, in its own process so its work never shares a core's time with
// the endpoint's event loop: autocannon with N connections, every request a fresh signed K2 buygoods
// webhook (new event id, new transaction code). argv[2] is JSON { url, connections, durationSeconds };
// the result (autocannon's) is printed as JSON.
import autocannon from 'autocannon';
import { signedBuygoodsDelivery } from './k2-deliveries.ts';

const { url, connections, durationSeconds } = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  connections: number;
  durationSeconds: number;
};
const result = await autocannon({
  url,
  connections,
  duration: durationSeconds,
  requests: [
    {
      method: 'POST',
      setupRequest: (request) => {
        const { rawBody, headers } = signedBuygoodsDelivery();
        // autocannon sets Content-Length from the body itself; a second one would make the request invalid.
        const { 'content-length': _, ...rest } = headers;
        return { ...request, body: rawBody.toString('utf8'), headers: rest };
      },
    },
  ],
});
process.stdout.write(JSON.stringify(result));
