/**
 * Reading a server-rendered form the way a browser without JavaScript does:
 * Next.js renders a server action's id (and any bound arguments) as hidden
 * inputs, and posting the form with them calls the action.
 */

const ENTITIES: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", "#x27": "'", "#39": "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (_match, name: string) => ENTITIES[name] ?? "");
}

/** The hidden inputs, in order, of the first form in `html` that contains `marker` (a test id, say). */
export function hiddenFieldsOfForm(html: string, marker: string): Array<[string, string]> {
  const forms = html.match(/<form[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((candidate) => candidate.includes(marker));
  if (!form) throw new Error(`no form with ${marker} on the page`);
  const fields: Array<[string, string]> = [];
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    if (!/type="hidden"/.test(input)) continue;
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) fields.push([decodeEntities(name), decodeEntities(/value="([^"]*)"/.exec(input)?.[1] ?? "")]);
  }
  return fields;
}
