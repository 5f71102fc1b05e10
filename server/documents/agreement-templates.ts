import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DisputeTypeSchema } from '../protocol/cases.ts';

/** Placeholders the server fills itself. */
export const BUILT_IN_PLACEHOLDERS = ['parties', 'obligations', 'performance', 'defaultClauses', 'organisation', 'mediator', 'date', 'caseNumber', 'title'] as const;
/** What 人民调解法 art. 29 demands of every agreement, as placeholders a template must contain. */
export const REQUIRED_PLACEHOLDERS = ['parties', 'facts', 'responsibilities', 'obligations', 'performance', 'organisation', 'mediator', 'date'] as const;
const REQUIRED_FIELDS = ['facts', 'responsibilities'] as const;

const FieldSchema = z.object({
  label: z.string().min(1),
  hint: z.string().optional(),
  required: z.boolean().default(true),
  default: z.string().optional(),
});

const FrontMatterSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'letters, digits and "-"'),
  name: z.string().min(1),
  title: z.string().min(1),
  disputeTypes: z.array(DisputeTypeSchema).min(1),
  eSignatureExclusion: z.string().min(1).optional(),
  fields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'letters and digits'), FieldSchema),
  defaultClauses: z.array(z.string().min(1)).default([]),
});

export type TemplateField = z.infer<typeof FieldSchema>;

export interface AgreementTemplate extends z.infer<typeof FrontMatterSchema> {
  /** The Markdown body with {{placeholders}}. */
  body: string;
  file: string;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Template ${file} is not usable:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export function placeholdersOf(body: string): string[] {
  return [...body.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** Parses and checks one template file's text; every problem is named, not just the first. */
export function parseTemplate(text: string, file: string): AgreementTemplate {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new TemplateError(file, ['it must start with a front matter block between two "---" lines']);
  let raw: unknown;
  try {
    raw = parseYaml(match[1]!);
  } catch (error) {
    throw new TemplateError(file, [`the front matter is not valid YAML: ${(error as Error).message}`]);
  }
  const parsed = FrontMatterSchema.safeParse(raw);
  if (!parsed.success) throw new TemplateError(file, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(front matter)'}: ${issue.message}`));
  const body = match[2]!;
  const used = new Set(placeholdersOf(body));
  const problems: string[] = [];
  for (const required of REQUIRED_PLACEHOLDERS) if (!used.has(required)) problems.push(`missing {{${required}}} (人民调解法第二十九条要求)`);
  for (const field of REQUIRED_FIELDS) if (!parsed.data.fields[field]) problems.push(`missing the "${field}" field`);
  for (const name of used) {
    if (!(BUILT_IN_PLACEHOLDERS as readonly string[]).includes(name) && !parsed.data.fields[name]) problems.push(`{{${name}}} is neither a field nor a built-in placeholder`);
  }
  for (const name of Object.keys(parsed.data.fields)) {
    if ((BUILT_IN_PLACEHOLDERS as readonly string[]).includes(name)) problems.push(`field "${name}" shadows a built-in placeholder`);
    else if (!used.has(name)) problems.push(`field "${name}" is never used in the body`);
  }
  if (problems.length > 0) throw new TemplateError(file, problems);
  return { ...parsed.data, body, file };
}

/** Loads every template of a directory; any broken one stops the load with its problems listed. */
export function loadTemplates(dir: string): Map<string, AgreementTemplate> {
  const templates = new Map<string, AgreementTemplate>();
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    const file = path.join(dir, name);
    const template = parseTemplate(fs.readFileSync(file, 'utf8'), file);
    if (templates.has(template.id)) throw new TemplateError(file, [`id "${template.id}" is used by another template`]);
    templates.set(template.id, template);
  }
  if (templates.size === 0) throw new TemplateError(dir, ['no templates found']);
  return templates;
}
