/** The bulk CSV release as input: streaming reader and row/cable filters. */
export * from './read.js';
export * from './filter.js';
