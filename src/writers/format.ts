/** Text writers: clean text, Markdown and JSON. */
import type { Cable } from '../model/cable.js';
import { formatText, formatTextWithPlaces } from './text.js';
import { formatMarkdown } from './markdown.js';

export type TextFormat = 'text' | 'markdown' | 'json';

export function formatCable(cable: Cable, format: TextFormat): string {
  switch (format) {
    case 'text':
      return formatText(cable);
    case 'markdown':
      return formatMarkdown(cable);
    case 'json':
      return JSON.stringify(cable, null, 2) + '\n';
  }
}

export { formatText, formatTextWithPlaces, formatMarkdown };
export type { PlacedText, TextPlace } from './text.js';
