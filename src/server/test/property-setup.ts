// Vitest setup file (vitest.config.ts): every fast-check property in the test file runs with the
// replayable parameters of property.ts.
import fc, { type GlobalParameters } from 'fast-check';
import { propertyParameters } from './property.ts';

// fast-check's type leaves the path out of the global parameters (it belongs to one property), but
// its runners read it from there like the seed: FC_PATH is meant for the one test being replayed.
fc.configureGlobal(propertyParameters() as GlobalParameters);
