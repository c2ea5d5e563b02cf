/** Selecting cables by filter (`cablekit select`) and reading id lists (`--ids`). */
export * from './select.js';
export * from './output.js';
export * from './ids.js';
