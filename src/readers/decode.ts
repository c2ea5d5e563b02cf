/** Turns the bytes of a cable file into text: UTF-8, or Windows-1252 when the bytes are not valid UTF-8. */
import { isUtf8 } from 'node:buffer';
import { CableError } from '../errors.js';

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const cp1252 = new TextDecoder('windows-1252');

export function decodeCableBytes(bytes: Uint8Array, file: string | null = null): DecodedText {
  if (bytes.length === 0) throw new CableError('empty file', file);
  if (looksBinary(bytes)) throw new CableError('binary file, not text', file);
  let text: string;
  let encoding: TextEncoding = 'utf-8';
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (isUtf8(buffer)) {
    text = buffer.toString('utf8');
  } else {
    text = cp1252.decode(bytes);
    encoding = 'windows-1252';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new CableError('empty file (only whitespace)', file);
  return { text, encoding };
}

/** NUL bytes, or many control characters in the first 4 KB, mean the file is not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096));
  if (head.indexOf(0) >= 0) return true;
  // Native scanning over a latin1 view: a byte loop here was the slowest part of reading a cable.
  const latin1 = head.toString('latin1');
  if (!/[\x01-\x08\x0e-\x1f\x7f]/.test(latin1)) return false;
  const control = latin1.match(/[\x01-\x08\x0e-\x1f\x7f]/g)!.length;
  return control > head.length * 0.05;
}
