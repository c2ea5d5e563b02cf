/** A briefing book as PDF. Not built yet: the PDF writer does not expose its page drawing for reuse. */
import { CableError } from '../errors.js';
import type { RedactionStyle } from '../render/docx/document.js';
import type { BookPlan, BookResult } from './index.js';

export async function buildPdfBook(_plan: BookPlan, _options: { redactionStyle: RedactionStyle }): Promise<BookResult> {
  throw new CableError('PDF briefing books are not available yet; write the book as .docx');
}
