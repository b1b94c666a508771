/** The PDF drawing primitives of the export: fonts, colours, WinAnsi text, sections. */
export const MARGIN = 56;
export const INK = '#1f2933';
export const MUTED = '#52606d';
export const ACCENT = '#1d4e89';
export const NBSP = '\u00a0';

/**
 * The characters above U+00FF that the standard fonts' WinAnsi encoding has (œ, Œ, €, ’, “, ”,
 * …, –, —, ...). Helvetica without an embedded font draws nothing else, so anything else becomes
 * "?" rather than a wrong glyph.
 */
const WIN_ANSI_EXTRA = new Set(
  [
    0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018,
    0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a,
    0x20ac, 0x2122,
  ].map((code) => String.fromCodePoint(code)),
);

/** Text the standard fonts can draw: French accents and ligatures stay, the rest is "?". */
export function winAnsiText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) {
      out += char;
    } else if (char === '\u202f' || char === '\u2009' || char === '\t') {
      out += ' ';
    } else if (WIN_ANSI_EXTRA.has(char)) {
      out += char;
    } else {
      out += '?';
    }
  }
  return out;
}

export function yesNo(value: boolean): string {
  return value ? 'oui' : 'non';
}

/** Draws the export, section by section, in the reading order of the person. */
export class ExportPdf {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  title(text: string, size: number, color = INK): this {
    this.doc.font('Helvetica-Bold').fontSize(size).fillColor(color).text(winAnsiText(text));
    return this;
  }

  paragraph(text: string, options: { color?: string; size?: number } = {}): this {
    this.doc
      .font('Helvetica')
      .fontSize(options.size ?? 10)
      .fillColor(options.color ?? INK)
      .text(winAnsiText(text), { align: 'left' });
    return this;
  }

  section(text: string): this {
    const doc = this.doc;
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(1);
    this.title(text, 13, ACCENT);
    const y = doc.y + 2;
    doc
      .moveTo(MARGIN, y)
      .lineTo(doc.page.width - MARGIN, y)
      .lineWidth(0.6)
      .strokeColor(ACCENT)
      .stroke();
    doc.moveDown(0.6);
    return this;
  }

  subtitle(text: string): this {
    this.doc.moveDown(0.4);
    return this.title(text, 11);
  }

  /** "Label : value", the label in bold; an empty value says "non renseigné". */
  field(label: string, value: string | number | null | undefined): this {
    const shown = value === null || value === undefined || value === '' ? 'non renseigné' : value;
    this.doc
      .fontSize(10)
      .fillColor(INK)
      .font('Helvetica-Bold')
      .text(winAnsiText(`${label}${NBSP}: `), { continued: true })
      .font('Helvetica')
      .text(winAnsiText(String(shown)));
    return this;
  }

  bullet(text: string, detail?: string | null): this {
    this.doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(INK)
      .text(winAnsiText(`•  ${text}`), { indent: 8 });
    if (detail) {
      this.doc.fontSize(9).fillColor(MUTED).text(winAnsiText(detail), { indent: 22 });
    }
    this.doc.moveDown(0.2);
    return this;
  }

  none(text: string): this {
    return this.paragraph(text, { color: MUTED });
  }

  /** "Page n sur N" at the foot of every page, once they are all laid out. */
  pageNumbers(footer: string): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      doc.switchToPage(index);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(MUTED)
        .text(
          winAnsiText(`${footer} — page ${index + 1 - range.start} sur ${range.count}`),
          MARGIN,
          doc.page.height - 36,
          { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false },
        );
      doc.page.margins.bottom = bottom;
    }
  }
}
