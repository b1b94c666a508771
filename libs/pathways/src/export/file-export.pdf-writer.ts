/**
 * The PDF drawing primitives of the export, tagged (PDF/UA, decision 0024): every text is drawn
 * inside its structure element (H1, H2, H3, P, L > LI > Lbl + LBody, each section a Sect), and
 * what is only decoration (rules, page footers) is marked as an artifact.
 */
import type { Font } from 'fontkit';
import { textRuns, type ExportFonts, type FontWeight } from './file-export.fonts.js';

export const MARGIN = 56;
export const INK = '#1f2933';
export const MUTED = '#52606d';
export const ACCENT = '#1d4e89';
export const NBSP = '\u00a0';

export function yesNo(value: boolean): string {
  return value ? 'oui' : 'non';
}

/** Part of a line: its text, in bold or not. */
interface Span {
  readonly text: string;
  readonly weight: FontWeight;
}

interface Look {
  readonly size: number;
  readonly color: string;
  readonly indent?: number;
}

/**
 * pdfkit lends an option left undefined the previous fragment's value on a continued line, so
 * `features` (which lays a right-to-left run out whole) is reset with null, not undefined.
 */
const PER_WORD_LAYOUT = null as unknown as undefined;

type Struct = PDFKit.PDFStructureElement;

/** A line's height in ems, as pdfkit computes it. */
function lineHeight(font: Font): number {
  return (font.ascent - font.descent + font.lineGap) / font.unitsPerEm;
}

/** Draws the export, section by section, in the reading order of the person. */
export class ExportPdf {
  private readonly document: Struct;
  private section: Struct | null = null;
  private list: Struct | null = null;
  /** Marianne's ascent and line height: the fallback's runs sit on the same lines. */
  private readonly ascent: number;
  private readonly lineHeight: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: ExportFonts,
  ) {
    for (const face of [...fonts.regular, ...fonts.bold]) doc.registerFont(face.name, face.file);
    const marianne = fonts.regular[0].font;
    this.ascent = marianne.ascent / marianne.unitsPerEm;
    this.lineHeight = lineHeight(marianne);
    this.document = doc.struct('Document');
    doc.addStructure(this.document);
  }

  /** Writes spans as one line of flowing text, each character in a face that has it. */
  private write(spans: readonly Span[], look: Look): void {
    const doc = this.doc;
    const runs = spans.flatMap((span) => {
      const faces = this.fonts[span.weight];
      const has = (face: number, codePoint: number) => faces[face].has(codePoint);
      return textRuns(span.text, faces.length, has).map((run) => ({
        ...run,
        face: faces[run.face],
      }));
    });
    const first = this.fonts[spans[0]?.weight ?? 'regular'][0];
    if (runs.length === 0) runs.push({ face: first, text: '', rtl: false, missing: false });
    runs.forEach((run, index) => {
      // A white square for each character on the page (a font's own empty box would need its
      // width right); the real characters for screen readers and copying.
      if (run.missing) doc.markContent('Span', { actual: run.text });
      const drawn = run.missing
        ? [...run.text]
            .map((char) => (run.face.has(char.codePointAt(0) ?? 0) ? char : '□'))
            .join('')
        : run.text;
      doc
        .font(run.face.name)
        .fontSize(look.size)
        .fillColor(look.color)
        .text(drawn, {
          continued: index < runs.length - 1,
          baseline: -this.ascent * look.size,
          lineGap: (this.lineHeight - lineHeight(run.face.font)) * look.size,
          features: run.rtl ? [] : PER_WORD_LAYOUT,
          ...(index === 0 && look.indent ? { indent: look.indent } : {}),
        });
      if (run.missing) doc.endMarkedContent();
    });
    // The spacing that follows (moveDown) is measured in the current font's lines.
    doc.font(first.name);
  }

  /** A structure element in the current section, its content drawn by `draw`. */
  private block(tag: string, draw: () => void): void {
    this.list = null;
    (this.section ?? this.document).add(this.doc.struct(tag, {}, draw));
  }

  title(text: string, size: number, color = INK, tag = 'H1'): this {
    this.block(tag, () => this.write([{ text, weight: 'bold' }], { size, color }));
    return this;
  }

  paragraph(text: string, options: { color?: string; size?: number } = {}): this {
    this.block('P', () =>
      this.write([{ text, weight: 'regular' }], {
        size: options.size ?? 10,
        color: options.color ?? INK,
      }),
    );
    return this;
  }

  /** A new Sect with its heading (H2) and a rule under it. */
  startSection(text: string): this {
    const doc = this.doc;
    this.endSection();
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(1);
    this.section = doc.struct('Sect');
    this.document.add(this.section);
    this.title(text, 13, ACCENT, 'H2');
    const y = doc.y + 2;
    this.artifact('Layout', () =>
      doc
        .moveTo(MARGIN, y)
        .lineTo(doc.page.width - MARGIN, y)
        .lineWidth(0.6)
        .strokeColor(ACCENT)
        .stroke(),
    );
    doc.moveDown(0.6);
    return this;
  }

  subtitle(text: string): this {
    this.doc.moveDown(0.4);
    return this.title(text, 11, INK, 'H3');
  }

  /** "Label : value", the label in bold; an empty value says "non renseigné". */
  field(label: string, value: string | number | null | undefined): this {
    const shown = value === null || value === undefined || value === '' ? 'non renseigné' : value;
    this.block('P', () =>
      this.write(
        [
          { text: `${label}${NBSP}: `, weight: 'bold' },
          { text: String(shown), weight: 'regular' },
        ],
        { size: 10, color: INK },
      ),
    );
    return this;
  }

  /** An item of the section's current list (L), opened by the first bullet after other text. */
  bullet(text: string, detail?: string | null): this {
    const doc = this.doc;
    if (!this.list) {
      const list = doc.struct('L');
      (this.section ?? this.document).add(list);
      this.list = list;
    }
    const item = doc.struct('LI');
    this.list.add(item);
    item.add(
      doc.struct('Lbl', {}, () =>
        doc
          .font(this.fonts.regular[0].name)
          .fontSize(10)
          .fillColor(INK)
          .text(`•${NBSP} `, { continued: true, indent: 8, baseline: -this.ascent * 10 }),
      ),
    );
    const body = doc.struct('LBody');
    item.add(body);
    body.add(() => this.write([{ text, weight: 'regular' }], { size: 10, color: INK }));
    if (detail) {
      body.add(() =>
        this.write([{ text: detail, weight: 'regular' }], { size: 9, color: MUTED, indent: 22 }),
      );
    }
    body.end();
    item.end();
    doc.moveDown(0.2);
    return this;
  }

  none(text: string): this {
    return this.paragraph(text, { color: MUTED });
  }

  /** Decoration, outside the structure tree: a screen reader skips it. */
  private artifact(type: 'Layout' | 'Pagination', draw: () => void): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  private endSection(): void {
    this.list?.end();
    this.list = null;
    this.section?.end();
    this.section = null;
  }

  /** Closes the structure tree, then writes "page n sur N" at the foot of every page (a long name may take two lines there). */
  finish(footer: string): void {
    const doc = this.doc;
    this.endSection();
    this.document.end();
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      doc.switchToPage(index);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.x = MARGIN;
      doc.y = doc.page.height - 36;
      this.artifact('Pagination', () =>
        this.write(
          [
            {
              text: `${footer} — page ${index + 1 - range.start} sur ${range.count}`,
              weight: 'regular',
            },
          ],
          { size: 8, color: MUTED },
        ),
      );
      doc.page.margins.bottom = bottom;
    }
  }
}
