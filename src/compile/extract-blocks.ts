/**
 * dbt block tags that are not Jinja: `{% docs %}`, `{% snapshot %}`, `{% test %}`.
 * They are taken out of the source before Nunjucks sees it, replaced by blank lines so every
 * remaining line keeps its number (error positions stay true).
 */
export interface ExtractedBlock {
  readonly kind: 'docs' | 'snapshot';
  readonly name: string;
  readonly body: string;
  /** 1-based line of the opening tag. */
  readonly line: number;
  /** 1-based line where the body starts (the line of the opening tag: the body starts after the tag). */
  readonly bodyLine: number;
  /** Leading newlines needed to put the body on its original lines when rendered on its own. */
  readonly bodyPrefix: string;
}

const BLOCK = /\{%-?\s*(docs|snapshot)\s+([A-Za-z_][\w]*)\s*-?%\}([\s\S]*?)\{%-?\s*end\1\s*-?%\}/g;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function blankOut(text: string): string {
  return text.replace(/[^\n]/g, '');
}

/** Take `docs` and `snapshot` blocks out of `source`; the rest keeps its line numbers. */
export function extractBlocks(source: string): { readonly blocks: readonly ExtractedBlock[]; readonly rest: string } {
  if (!source.includes('{%')) return { blocks: [], rest: source };
  const blocks: ExtractedBlock[] = [];
  const rest = source.replace(BLOCK, (whole: string, kind: 'docs' | 'snapshot', name: string, body: string, offset: number) => {
    const line = lineAt(source, offset);
    const openTag = whole.slice(0, whole.length - body.length - (whole.length - whole.lastIndexOf('{%')));
    const bodyLine = line + (openTag.match(/\n/g)?.length ?? 0);
    blocks.push({ kind, name, body, line, bodyLine, bodyPrefix: '\n'.repeat(bodyLine - 1) });
    return blankOut(whole);
  });
  return { blocks, rest };
}

/**
 * `{% test name(args) %} ... {% endtest %}` is dbt's way to declare a generic test; it is a
 * macro named `test_<name>`. Rewritten in place (same lines) so Nunjucks compiles it as a macro.
 */
export function rewriteTestBlocks(source: string): string {
  if (!source.includes('test')) return source;
  return source
    .replace(/\{%(-?)\s*test\s+([A-Za-z_]\w*)\s*\(/g, '{%$1 macro test_$2(')
    .replace(/\{%(-?)\s*endtest\s*(-?)%\}/g, '{%$1 endmacro $2%}');
}
