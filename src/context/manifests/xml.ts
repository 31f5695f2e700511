/** A small XML reader for project files (csproj, pom.xml): elements, text, comments, CDATA, processing instructions. Attributes are skipped. */
export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : (ENTITIES[e] ?? m),
  );
}

/** Returns a synthetic root whose children are the document's top-level elements. Throws on mismatched tags. */
export function readXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', text: '', children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  const s = text.replace(/^\uFEFF/, '');
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (lt === -1) {
      top.text += decode(s.slice(i));
      break;
    }
    if (lt > i) top.text += decode(s.slice(i, lt));
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end === -1) throw new Error('unterminated comment');
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end === -1) throw new Error('unterminated CDATA');
      top.text += s.slice(lt + 9, end);
      i = end + 3;
    } else if (s.startsWith('<?', lt) || s.startsWith('<!', lt)) {
      const end = s.indexOf('>', lt);
      if (end === -1) throw new Error('unterminated declaration');
      i = end + 1;
    } else {
      const end = s.indexOf('>', lt);
      if (end === -1) throw new Error('unterminated tag');
      const inner = s.slice(lt + 1, end);
      i = end + 1;
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim().replace(/^.*:/, '');
        if (stack.length === 1 || stack[stack.length - 1].name !== name) throw new Error(`mismatched </${name}>`);
        stack.pop();
        continue;
      }
      const selfClosing = inner.endsWith('/');
      const name = (/^[^\s/>]+/.exec(inner) ?? [''])[0];
      const el: XmlElement = { name: name.replace(/^.*:/, ''), text: '', children: [] };
      top.children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  return root;
}
