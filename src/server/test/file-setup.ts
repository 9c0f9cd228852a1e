// Vitest setup file (vitest.config.ts): test files share their worker's modules (`isolate: false`),
// so each file starts from the real clock and real timers, whatever the file before it left.
import { beforeAll, vi } from 'vitest';
import { resetClock } from '../../shared/time.ts';

beforeAll(() => {
  resetClock();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
