// Identifiers: UUIDv7 (time-ordered), so objects created later sort later and ids from two
// analysts' notebooks never collide. Runs anywhere.
import { v7 } from 'uuid';
import type { Id, Instant } from './model.js';

export function newId(): Id {
  return v7();
}

export function now(): Instant {
  return new Date().toISOString();
}
