/** Text writers: clean text, Markdown and JSON. */
import type { Cable } from '../model/cable.js';
import { formatText, formatTextWithPlaces } from './text.js';
import { formatMarkdown } from './markdown.js';
import { showSourceRedactions } from '../model/source-redactions.js';

export type TextFormat = 'text' | 'markdown' | 'json';

export function formatCable(cable: Cable, format: TextFormat): string {
  switch (format) {
    case 'text':
      return formatText(cable);
    case 'markdown':
      return formatMarkdown(cable);
    case 'json':
      // the model as read, with the source's runs of X shown as marks (their places stay)
      return JSON.stringify(showSourceRedactions(cable), null, 2) + '\n';
  }
}

export { formatText, formatTextWithPlaces, formatMarkdown };
export type { PlacedText, TextPlace } from './text.js';
