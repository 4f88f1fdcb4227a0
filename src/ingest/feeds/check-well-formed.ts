/** Markup tokens: comment, CDATA, processing instruction, doctype, end tag, start or empty tag. */
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>|<\/([^\s>]+)\s*>|<([A-Za-z_][\w:.-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>|</g;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Checks that the elements of an XML document nest properly (each start tag closed by its own end
 * tag, one root element); returns what is wrong, with its line, or undefined when the tags balance.
 * Entities and attribute syntax are not checked: feeds in the wild get those wrong and still read.
 *
 * @example
 * checkWellFormed('<rss><channel><item></channel></rss>'); // 'line 1: </channel> closes <item>'
 */
export function checkWellFormed(xml: string): string | undefined {
  const open: { name: string; index: number }[] = [];
  let roots = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const [token, endName, startName, selfClosing] = m;
    if (endName !== undefined) {
      const top = open.pop();
      if (top === undefined) return `line ${lineAt(xml, m.index)}: </${endName}> closes nothing`;
      if (top.name !== endName) return `line ${lineAt(xml, m.index)}: </${endName}> closes <${top.name}>`;
    } else if (startName !== undefined) {
      if (open.length === 0 && ++roots > 1)
        return `line ${lineAt(xml, m.index)}: a second root element <${startName}>`;
      if (selfClosing !== '/') open.push({ name: startName, index: m.index });
    } else if (token === '<') {
      return `line ${lineAt(xml, m.index)}: a "<" that starts no tag`;
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined)
    return `<${unclosed.name}> opened on line ${lineAt(xml, unclosed.index)} is never closed`;
  if (roots === 0) return 'no root element';
  return undefined;
}
