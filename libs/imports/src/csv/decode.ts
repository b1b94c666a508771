import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import iconv from 'iconv-lite';

/** The encodings départements' exports come in. */
export type TextEncodingName = 'UTF-8' | 'WINDOWS-1252';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

/** Why the bytes are not a text file we can read; the report names the byte and where it is. */
export class UndecodableFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'UndecodableFileError';
  }
}

// Windows-1252 leaves these bytes undefined: a file holding them is not Windows-1252 text.
const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
}

/** Bytes looked at between two turns given to other requests (about a millisecond of work). */
const SLICE_BYTES = 1024 * 1024;

/** The slices of the bytes, one per turn of the event loop. */
async function* slicesOf(bytes: Uint8Array): AsyncGenerator<[number, Uint8Array]> {
  for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
    if (start > 0) await yieldToEventLoop();
    yield [start, bytes.subarray(start, start + SLICE_BYTES)];
  }
}

/** The first control character a text file would not hold (tabs and line ends are fine). */
function firstControlByte(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return index;
    if (byte === 0x7f) return index;
  }
  return -1;
}

/**
 * Reads a CSV file's bytes as UTF-8 when they are valid UTF-8 (with or without a byte-order
 * mark), otherwise as Windows-1252, the encoding of Excel's "CSV (séparateur: point-virgule)"
 * on French Windows. Any other content (UTF-16, a spreadsheet, random bytes) is refused with
 * the line of the first byte that cannot be text.
 */
export async function decodeCsvBytes(
  bytes: Uint8Array,
  forced?: TextEncodingName,
): Promise<DecodedText> {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    throw new UndecodableFileError(
      'The file is in UTF-16; save it as CSV in UTF-8 or Windows-1252 (Excel: "CSV UTF-8").',
      1,
    );
  }
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    bytes[2] === 0x03 &&
    bytes[3] === 0x04
  ) {
    throw new UndecodableFileError(
      'The file is a spreadsheet or an archive (ZIP), not CSV; export it from the spreadsheet as CSV.',
      1,
    );
  }
  for await (const [start, slice] of slicesOf(bytes)) {
    const control = firstControlByte(slice);
    if (control >= 0) {
      const offset = start + control;
      throw new UndecodableFileError(
        `The file is not text: byte 0x${bytes[offset].toString(16).padStart(2, '0')} at offset ${offset} is a control character.`,
        lineAt(bytes, offset),
      );
    }
  }
  if (forced !== 'WINDOWS-1252') {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    const parts: string[] = [];
    try {
      for await (const [start, slice] of slicesOf(bytes)) {
        parts.push(decoder.decode(slice, { stream: start + slice.length < bytes.length }));
      }
      return { text: parts.join(''), encoding: 'UTF-8' };
    } catch {
      if (forced === 'UTF-8') {
        throw new UndecodableFileError('The file is not valid UTF-8.', 1);
      }
    }
  }
  const parts: string[] = [];
  for await (const [start, slice] of slicesOf(bytes)) {
    for (let index = 0; index < slice.length; index += 1) {
      if (UNDEFINED_IN_WINDOWS_1252.has(slice[index])) {
        const offset = start + index;
        throw new UndecodableFileError(
          `The file is neither UTF-8 nor Windows-1252: byte 0x${bytes[offset].toString(16)} at offset ${offset} is not a character in either.`,
          lineAt(bytes, offset),
        );
      }
    }
    // Not TextDecoder: Node's maps 0x80–0x9F to control characters (ISO-8859-1), not to € œ Œ ….
    // One byte is one character: slices decode on their own.
    parts.push(iconv.decode(Buffer.from(slice.buffer, slice.byteOffset, slice.length), 'win1252'));
  }
  return { text: parts.join(''), encoding: 'WINDOWS-1252' };
}
