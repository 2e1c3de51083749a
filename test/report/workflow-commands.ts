// Reads workflow commands back the way the Actions runner does (ActionCommand.cs): the properties
// split on ',' and at the first '=', each escape undone with '%25' last.

export interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export function unescape(text: string, property: boolean): string {
  let out = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return out.replace(/%25/g, '%');
}

export function parse(line: string): Command {
  const m = /^::([a-z]+)(?: ([^]*?))?::([^]*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), true);
  }
  return { command: m[1]!, properties, message: unescape(m[3]!, false) };
}
