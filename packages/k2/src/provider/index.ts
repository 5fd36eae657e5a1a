export { type K2ProviderOptions, type K2ProviderSettings, K2ProviderSettingsSchema } from './options.ts';
export { K2_DEFAULT_NETWORK } from './payout.ts';
export { createK2Provider, K2_CAPABILITIES, type K2Provider } from './provider.ts';
export { mapK2Status } from './status-map.ts';
