/** The bulk CSV release as input: the streaming reader and its record splitter. */
export * from './read.js';
export * from './split.js';
