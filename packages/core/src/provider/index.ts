export type {
  Capability,
  CapabilityMethods,
  MethodsOf,
  RequestByCapability,
  RequestOf,
} from './capabilities.ts';
export {
  FetchSettingSchema,
  HttpEventsSettingSchema,
  isPlainHttpElsewhere,
  providerBaseUrlSchema,
} from './connection-settings.ts';
export {
  defineProvider,
  type Provider,
  type ProviderBase,
  type ProviderDefinition,
  perform,
} from './provider.ts';
export { type WaitForFinalOptions, waitForFinalStatus } from './wait-for-final.ts';
