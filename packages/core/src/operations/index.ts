export { type CollectRequest, CollectRequestSchema, type Payer, PayerSchema } from './collect.ts';
export {
  HttpUrlSchema,
  type Metadata,
  MetadataSchema,
  NonBlankSchema,
  type Party,
  PartySchema,
  RequestAmountSchema,
} from './common.ts';
export {
  type Attachment,
  AttachmentSchema,
  type ConfirmRequest,
  ConfirmRequestSchema,
} from './confirm.ts';
export {
  type CancelLinkRequest,
  CancelLinkRequestSchema,
  type CreateLinkRequest,
  CreateLinkRequestSchema,
} from './link.ts';
export { type NotifyRequest, NotifyRequestSchema } from './notify.ts';
export { type NextAction, NextActionSchema, type Operation, OperationSchema } from './operation.ts';
export {
  type PayoutDestination,
  PayoutDestinationSchema,
  type PayoutRequest,
  PayoutRequestSchema,
} from './payout.ts';
export { type ReverseRequest, ReverseRequestSchema } from './reverse.ts';
export {
  isFinalStatus,
  type OperationKind,
  OperationKindSchema,
  type OperationStatus,
  OperationStatusSchema,
} from './status.ts';
