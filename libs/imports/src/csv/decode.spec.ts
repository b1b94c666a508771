import { decodeCsvBytes, UndecodableFileError } from './decode.js';

describe('decodeCsvBytes', () => {
  it('reads UTF-8, with or without a byte-order mark', async () => {
    expect(await decodeCsvBytes(Buffer.from('nom;prénom\n', 'utf8'))).toEqual({
      text: 'nom;prénom\n',
      encoding: 'UTF-8',
    });
    const withBom = await decodeCsvBytes(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('nom\n')]),
    );
    expect(withBom.encoding).toBe('UTF-8');
  });

  it('reads what is not UTF-8 as Windows-1252, the encoding of French Excel', async () => {
    // é is 0xE9 and œ 0x9C in Windows-1252; the euro sign 0x80.
    const decoded = await decodeCsvBytes(Buffer.from([0x6e, 0xe9, 0x3b, 0x9c, 0x3b, 0x80, 0x0a]));
    expect(decoded).toEqual({ text: 'né;œ;€\n', encoding: 'WINDOWS-1252' });
  });

  it('reads a file larger than one slice whole, a character cut between slices included', async () => {
    // 1 MiB slices: the two bytes of "é" straddle the first boundary.
    const text = `${'a'.repeat(1024 * 1024 - 1)}é${'b'.repeat(10)}\n`;
    expect(await decodeCsvBytes(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'UTF-8' });
    const latin = Buffer.from(text, 'latin1');
    expect(await decodeCsvBytes(latin)).toEqual({ text, encoding: 'WINDOWS-1252' });
  });

  it('can be told the encoding', async () => {
    // "Ã©" is how "é" in UTF-8 reads in Windows-1252.
    expect((await decodeCsvBytes(Buffer.from('é', 'utf8'), 'WINDOWS-1252')).text).toBe('Ã©');
    await expect(decodeCsvBytes(Buffer.from([0xe9]), 'UTF-8')).rejects.toThrow('not valid UTF-8');
  });

  it.each([
    ['UTF-16', Buffer.from([0xff, 0xfe, 0x6e, 0x00]), /UTF-16/, 1],
    ['a spreadsheet', Buffer.from('PK\u0003\u0004rest'), /spreadsheet/, 1],
    ['a control character', Buffer.from('a;b\nc;\u0001\n'), /byte 0x01 at offset 6/, 2],
    [
      'a byte neither encoding has',
      Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0x81]),
      /byte 0x81 at offset 4/,
      3,
    ],
  ])('refuses %s, saying where', async (_case, bytes, message, line) => {
    const error: unknown = await decodeCsvBytes(bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UndecodableFileError);
    expect((error as UndecodableFileError).message).toMatch(message);
    expect((error as UndecodableFileError).line).toBe(line);
  });
});
