export type {
  Capability,
  CapabilityMethods,
  MethodsOf,
  RequestByCapability,
  RequestOf,
} from './capabilities.ts';
export {
  defineProvider,
  type Provider,
  type ProviderBase,
  type ProviderDefinition,
  perform,
} from './provider.ts';
