/**
 * The fonts of the RGPD PDF (decision 0024): Marianne, the State's typeface, from the design
 * system's package, and DejaVu Sans for what Marianne lacks (Cyrillic, Greek, Arabic, Hebrew,
 * Armenian, Georgian, ...). WOFF files, not WOFF2: fontkit fails to subset WOFF2's composite
 * glyphs (the accented capitals).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { create as CreateFontFn, Font } from 'fontkit';

export type FontWeight = 'regular' | 'bold';

/** Each weight's faces, the first that has a character draws it. */
const SOURCES: Record<FontWeight, readonly string[]> = {
  regular: [
    '@codegouvfr/react-dsfr/dsfr/fonts/Marianne-Regular.woff',
    '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
  ],
  bold: [
    '@codegouvfr/react-dsfr/dsfr/fonts/Marianne-Bold.woff',
    '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff',
    '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
  ],
};

/**
 * Where the build puts them: beside this module in dist/. Both packages are devDependencies,
 * pruned from production; from the sources (tests, development) they are read in node_modules.
 */
const BUILT_FOLDER = fileURLToPath(new URL('./fonts/', import.meta.url));

function packageFile(source: string): string {
  return createRequire(import.meta.url).resolve(source);
}

/** Copies the fonts beside the built module; returns the files copied. */
export function copyExportFonts(): string[] {
  mkdirSync(BUILT_FOLDER, { recursive: true });
  const sources = new Set(Object.values(SOURCES).flat());
  return [...sources].map((source) => {
    const target = join(BUILT_FOLDER, basename(source));
    copyFileSync(packageFile(source), target);
    return target;
  });
}

// `npm run build` runs the built module itself (`node dist/libs/pathways/src/export/
// file-export.fonts.js`): the copy needs none of the lib, which takes seconds to load.
if (import.meta.main) copyExportFonts();

/** One font of the export: the name pdfkit knows it by, its file, and fontkit's view of it. */
export interface ExportFace {
  readonly name: string;
  readonly file: Buffer;
  readonly font: Font;
  /** Whether it draws a character; remembered, as every character of the export is asked. */
  readonly has: (codePoint: number) => boolean;
}

function coverage(font: Font): (codePoint: number) => boolean {
  const known = new Map<number, boolean>();
  return (codePoint) => {
    let has = known.get(codePoint);
    if (has === undefined) {
      has = font.hasGlyphForCodePoint(codePoint);
      known.set(codePoint, has);
    }
    return has;
  };
}

export type ExportFonts = Record<FontWeight, readonly ExportFace[]>;

function readFace(createFont: typeof CreateFontFn, source: string): ExportFace {
  const built = join(BUILT_FOLDER, basename(source));
  let path = built;
  if (!existsSync(built)) {
    try {
      path = packageFile(source);
    } catch {
      throw new Error(
        `The RGPD export's font ${basename(source)} is neither in ${BUILT_FOLDER} (copied by npm run build) nor in node_modules`,
      );
    }
  }
  const file = readFileSync(path);
  const font = createFont(file) as Font;
  return { name: basename(source, '.woff'), file, font, has: coverage(font) };
}

let loaded: ExportFonts | undefined;

/**
 * The faces of each weight, read once per process. fontkit is loaded then, on the first export,
 * as pdfkit is: the API's boot, each test file's and each child server's, does without it (0.15 s
 * of CPU in a test file's module registry, docs/decisions/0021).
 */
export async function exportFonts(): Promise<ExportFonts> {
  if (!loaded) {
    const { create } = await import('fontkit');
    loaded = {
      regular: SOURCES.regular.map((source) => readFace(create, source)),
      bold: SOURCES.bold.map((source) => readFace(create, source)),
    };
  }
  return loaded;
}

/** A stretch of text drawn with one face, in one direction. */
export interface TextRun {
  readonly face: number;
  readonly text: string;
  readonly rtl: boolean;
  /** No face has these characters: drawn as empty boxes, read from the text layer. */
  readonly missing: boolean;
}

const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const STRONG = /[\p{L}\p{N}]/u;
/** Stand-ins when a face lacks a space: U+202F (before « : » and inside « ») keeps its no-break. */
const STAND_INS: Record<string, string> = { '\u202f': '\u00a0', '\u2009': ' ', '\t': ' ' };

/**
 * Splits text into runs, each drawn with the first face that has its characters (`has(face,
 * codePoint)`): Marianne for French and the Latin alphabets, the fallback for the other scripts.
 * Spaces and punctuation stay in the run they follow, so a right-to-left name is one run, laid
 * out whole and right to left. Characters no face has go to the last face (its empty box), in
 * runs of their own marked `missing`.
 */
export function textRuns(
  text: string,
  faces: number,
  has: (face: number, codePoint: number) => boolean,
): TextRun[] {
  const runs: { -readonly [Key in keyof TextRun]: TextRun[Key] }[] = [];
  const faceFor = (codePoint: number): number => {
    for (let face = 0; face < faces; face += 1) if (has(face, codePoint)) return face;
    return faces - 1;
  };
  for (let char of text.normalize('NFC')) {
    let codePoint = char.codePointAt(0) ?? 0;
    const current = runs.at(-1);
    if (STAND_INS[char] && !has(current?.face ?? 0, codePoint)) {
      char = STAND_INS[char];
      codePoint = char.codePointAt(0) ?? 0;
    }
    const strong = STRONG.test(char) || RTL.test(char);
    if (current && !strong && (char === '\n' || has(current.face, codePoint))) {
      current.text += char;
      continue;
    }
    const face = faceFor(codePoint);
    const missing = !has(face, codePoint);
    const rtl = strong ? RTL.test(char) : (current?.rtl ?? false);
    if (current && current.face === face && current.rtl === rtl && current.missing === missing) {
      current.text += char;
    } else {
      runs.push({ face, text: char, rtl, missing });
    }
  }
  return runs.flatMap(leftToRightTail);
}

/** The spaces and punctuation closing a right-to-left run follow it, in the page's direction. */
function leftToRightTail(run: TextRun): TextRun[] {
  if (!run.rtl) return [run];
  const tail = /[^\p{L}\p{N}\p{M}]+$/u.exec(run.text)?.[0] ?? '';
  if (!tail) return [run];
  if (tail.length === run.text.length) return [{ ...run, rtl: false }];
  return [
    { ...run, text: run.text.slice(0, -tail.length) },
    { face: run.face, text: tail, rtl: false, missing: false },
  ];
}
