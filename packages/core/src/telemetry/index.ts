export {
  type DebugArea,
  type DebugLogger,
  type DebugOption,
  DebugOptionSchema,
  debugLoggerFor,
} from './debug.ts';
