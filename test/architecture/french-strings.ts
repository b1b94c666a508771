import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The French a user reads, found in the sources by the TypeScript compiler (string literals,
 * templates, JSX text and attributes), and the typography and inclusive-writing rules it must
 * follow (docs/decisions/0023-french-typography-and-inclusive-writing.md). Code-like strings
 * (imports, GraphQL documents, class names, ids, keys, URLs, type literals, comparisons) are not
 * text and are skipped.
 */

export interface TextProblem {
  path: string;
  line: number;
  rule: string;
  text: string;
}

/** Where an interpolated value sits in a composed text; a letter-like mark for the rules. */
const SLOT = '\uE000';

/** The directories and files whose strings are shown to people (screens, emails, the PDF). */
export const UI_TEXT_ROOTS = [
  'apps/web/src',
  'libs/notifications/src/email/templates',
  'libs/administration/src/invitation-emails.service.ts',
  'libs/pathways/src/export/file-export.labels.ts',
  'libs/events/src/event-types.ts',
  'libs/events/src/event-kinds.ts',
  'libs/organizations/src/structure-type.ts',
  'apps/api/src/email/unsubscribe.controller.ts',
];

export function uiTextFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (path: string): void => {
    const full = join(root, path);
    if (/\.(ts|tsx)$/.test(path)) {
      if (!/\.(spec|int-spec|e2e-spec|web-spec|d)\.tsx?$/.test(path)) files.push(path);
      return;
    }
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      if (entry.isDirectory() || /\.tsx?$/.test(entry.name)) {
        visit(relative(root, join(full, entry.name)));
      }
    }
  };
  for (const path of UI_TEXT_ROOTS) visit(path);
  return files.sort();
}

/** Attributes whose values are code, not text. */
const CODE_ATTRIBUTES =
  /^(className|id|htmlFor|href|to|key|type|name|autoComplete|inputMode|role|rel|target|method|lang|pattern|size|priority|iconId|iconPosition|variant|severity|as|accept|src|srcSet|form|dir|spellCheck|enterKeyHint|state|nativeInputProps|nativeSelectProps|nativeTextAreaProps|orientation|linkProps|value|defaultValue|aria-(controls|describedby|labelledby|live|current|hidden|expanded|haspopup|owns|relevant|sort)|data-[\w-]+)$/;
/** Calls whose string arguments are code or developer-facing. */
const CODE_CALLS =
  /^(graphql|gql|require|import|console\.\w+|[\s\S]*\.(get|has|set|delete|getItem|setItem|removeItem|querySelector|querySelectorAll|getElementById|addEventListener|removeEventListener|startsWith|endsWith|includes|split|join|replace|replaceAll|match|test|padStart|toLocaleString|toLocaleDateString|emit|on|off|matchMedia|log|warn|error|debug|verbose)|useQuery|useMutation|useParams|useSearchParams|navigate|createElement|encodeURIComponent|URL|URLSearchParams|Intl\.\w+|fetch|Date|RegExp|Set|Map|Error|TypeError|RangeError|matchMedia)$/;

export function isCodePosition(node: ts.Node): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  while (
    ts.isParenthesizedExpression(parent) ||
    ts.isConditionalExpression(parent) ||
    (ts.isBinaryExpression(parent) &&
      [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(
        parent.operatorToken.kind,
      ))
  ) {
    if (ts.isConditionalExpression(parent) && parent.condition === child) break;
    child = parent;
    parent = parent.parent;
  }
  if (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isLiteralTypeNode(parent) ||
    ts.isCaseClause(parent) ||
    ts.isElementAccessExpression(parent) ||
    ts.isTaggedTemplateExpression(parent) ||
    ts.isEnumMember(parent)
  ) {
    return true;
  }
  if (ts.isPropertyAssignment(parent) && parent.name === child) return true;
  if (
    ts.isBinaryExpression(parent) &&
    [
      ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.EqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsToken,
      ts.SyntaxKind.InKeyword,
    ].includes(parent.operatorToken.kind)
  ) {
    return true;
  }
  if (ts.isJsxAttribute(parent.parent ?? parent) || ts.isJsxAttribute(parent)) {
    const attribute = ts.isJsxAttribute(parent) ? parent : (parent.parent as ts.JsxAttribute);
    return CODE_ATTRIBUTES.test(attribute.name.getText());
  }
  if (ts.isPropertyAssignment(parent) && CODE_ATTRIBUTES.test(parent.name.getText())) return true;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== child) {
    return CODE_CALLS.test(parent.expression.getText());
  }
  return false;
}

/** Code-like values: URLs, paths, identifiers, keys, CSS classes, no letters at all. */
function isCodeLike(text: string): boolean {
  if (!/\p{L}/u.test(text)) return true;
  if (/^(https?:|mailto:|tel:|\/|\.\/|#|\?)/.test(text.trim())) return true;
  if (/&[a-z]+;|^\((min|max)-(width|height)/.test(text)) return true;
  // MIME types and Content-Security-Policy headers.
  if (/^[a-z]+\/[\w.+-]+(;|$)|^[a-z-]+-src '/.test(text)) return true;
  if (/^[\w.$:/@-]+$/.test(text) && !/[A-ZÀ-Ý][a-zà-ÿ]/.test(text)) return true;
  return /^[a-z0-9_-]+( [a-z0-9_-]+)*$/.test(text) && /[-_]/.test(text);
}

/** The rules, each with the words a failure prints. */
const RULES: { rule: string; test: (text: string) => boolean }[] = [
  {
    rule: 'plain space or none before : ; ? ! (write a narrow no-break space U+202F)',
    test: (text) => /(^|[^\u202F:;?!])[:;?!]+(?=\s|$|[»)])/u.test(text),
  },
  {
    rule: 'plain space or none inside « » (write « ‹U+202F› … ‹U+202F› »)',
    test: (text) => /«[^\u202F]|[^\u202F]»/u.test(text),
  },
  {
    rule: 'plain space beside a narrow no-break space (a line break in JSX text is a space)',
    test: (text) => / \u202F|\u202F /u.test(text),
  },
  {
    rule: 'straight apostrophe in French text (write ’)',
    test: (text) => /\p{L}'\p{L}/u.test(text),
  },
  {
    rule: 'median-point or parentheses inclusive form (see decision 0023: epicene word or both forms)',
    test: (text) =>
      /\p{L}[·•.](e|es|le|les|ne|nes|rice|rices|trice|trices|euse|euses|ère|ères|x)(?=\P{L}|$)/u.test(
        text.replace(/\p{L}+\.\p{L}+\.\p{L}+/gu, ''),
      ) ||
      /\p{L}·\p{L}/u.test(text) ||
      /\p{L}\((e|es|le|les|ne|nes|rice|rices|trice|trices|euse|euses|ère|ères|ve|ves)\)/u.test(
        text,
      ),
  },
];

export function checkText(text: string): string[] {
  if (isCodeLike(text.replaceAll(SLOT, ''))) return [];
  return RULES.filter((r) => r.test(text)).map((r) => r.rule);
}

/** A name put after "de" or "à" by hand, where elision or the article depends on it. */
function composedNameProblem(before: string, expression: ts.Expression): string | undefined {
  const source = expression.getText();
  if (/\b(ofName|ofStructure|toStructure)\(/.test(source)) return undefined;
  const names = /(name|Name|person|actor|requester|referent|author)/;
  if (/(^|[\s’'(])de $/u.test(before) && names.test(source)) {
    return /structure/i.test(source)
      ? 'structure name after "de" (use ofStructure(): du, de la, de l’)'
      : 'name after "de" (use ofName(): d’Hélène, de Pierre)';
  }
  if (/(^|\s)à $/u.test(before) && /structure/i.test(source) && names.test(source)) {
    return 'structure name after "à" (use toStructure(): au, à la, à l’)';
  }
  return undefined;
}

/** JSX text as React renders it: lines trimmed, line breaks between words become one space. */
export function jsxText(node: ts.JsxText): string {
  const lines = node.text.split(/\r?\n/);
  if (lines.length === 1) return node.text;
  return lines
    .map((line, i) => {
      let out = line.replace(/\t/g, ' ');
      if (i > 0) out = out.replace(/^ +/, '');
      if (i < lines.length - 1) out = out.replace(/ +$/, '');
      return out;
    })
    .filter((line) => line !== '')
    .join(' ');
}

export function checkSource(path: string, source: string): TextProblem[] {
  const file = ts.createSourceFile(
    path,
    source,
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const problems: TextProblem[] = [];
  const report = (node: ts.Node, text: string, rules: string[]): void => {
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    for (const rule of rules) problems.push({ path, line, rule, text: text.replaceAll(SLOT, '…') });
  };
  const consumed = new Set<ts.Node>();

  const visit = (node: ts.Node): void => {
    if (ts.isJsxElement(node) || ts.isJsxFragment(node)) {
      // The children read as one text: literal expressions ({' '}) join it, others are slots.
      let text = '';
      const composed: string[] = [];
      for (const child of node.children) {
        if (ts.isJsxText(child)) text += jsxText(child);
        else if (ts.isJsxExpression(child) && child.expression) {
          const expression = child.expression;
          if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
            consumed.add(expression);
            text += expression.text;
          } else {
            const problem = composedNameProblem(text, expression);
            if (problem) composed.push(problem);
            text += SLOT;
          }
        } else if (!ts.isJsxExpression(child)) text += SLOT;
      }
      report(node, text.trim(), [...checkText(text.trim()), ...composed]);
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      !consumed.has(node) &&
      !isCodePosition(node)
    ) {
      report(node, node.text, checkText(node.text));
    } else if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'html') {
      // The emails' HTML: its text as a mail client shows it, tags out, white space collapsed.
      const visible = (raw: string): string =>
        raw
          .replace(/<(mj-)?style[\s\S]*?<\/(mj-)?style>/g, '')
          .replace(/<br\s*\/?>/g, ' ')
          .replace(/<[^>]*>/g, '')
          .replace(/[ \t\r\n]+/g, ' ');
      const template = node.template;
      let raw = ts.isNoSubstitutionTemplateLiteral(template) ? template.text : template.head.text;
      const composed: string[] = [];
      for (const span of ts.isTemplateExpression(template) ? template.templateSpans : []) {
        const problem = composedNameProblem(visible(raw), span.expression);
        if (problem) composed.push(problem);
        raw += SLOT + span.literal.text;
      }
      const text = visible(raw).trim();
      report(node, text, [...checkText(text), ...composed]);
    } else if (ts.isTemplateExpression(node) && !isCodePosition(node)) {
      let text = node.head.text;
      const composed: string[] = [];
      for (const span of node.templateSpans) {
        const problem = composedNameProblem(text, span.expression);
        if (problem) composed.push(problem);
        text += SLOT + span.literal.text;
      }
      report(node, text, [...checkText(text), ...composed]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return problems;
}

export function uiTextProblems(root: string): TextProblem[] {
  return uiTextFiles(root).flatMap((path) =>
    checkSource(path, readFileSync(join(root, path), 'utf8')),
  );
}
