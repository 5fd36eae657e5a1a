export type { K2ReconcilerOptions } from './options.ts';
export { createK2Reconciler, type K2ReconcileResult, type K2Reconciler } from './reconciler.ts';
