export { k2AmountToMoney } from './amount.ts';
export { type K2Resource, K2ResourceDocumentSchema, parseK2Resource } from './document.ts';
