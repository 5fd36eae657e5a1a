export { EventBaseEntries } from './base.ts';
export {
  type EventOfType,
  TENDER_EVENT_TYPES,
  type TenderEvent,
  TenderEventSchema,
  type TenderEventType,
} from './event.ts';
export {
  type PayoutFailedEvent,
  PayoutFailedEventSchema,
  type PayoutLeg,
  PayoutLegSchema,
  type PayoutSucceededEvent,
  PayoutSucceededEventSchema,
  type ReversalFailedEvent,
  ReversalFailedEventSchema,
  type ReversalSucceededEvent,
  ReversalSucceededEventSchema,
  type TransferCompletedEvent,
  TransferCompletedEventSchema,
} from './money-movement.ts';
export {
  type CustomerCreatedEvent,
  CustomerCreatedEventSchema,
  type LinkUpdatedEvent,
  LinkUpdatedEventSchema,
  type PollingCompletedEvent,
  PollingCompletedEventSchema,
  type ProviderPassthroughEvent,
  ProviderPassthroughEventSchema,
} from './other.ts';
export {
  type PaymentChannel,
  PaymentChannelSchema,
  type PaymentFailedEvent,
  PaymentFailedEventSchema,
  type PaymentReversedEvent,
  PaymentReversedEventSchema,
  type PaymentSucceededEvent,
  PaymentSucceededEventSchema,
  type PaymentVoidedEvent,
  PaymentVoidedEventSchema,
} from './payment.ts';
