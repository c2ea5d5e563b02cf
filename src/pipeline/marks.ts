/**
 * What a redaction mark reads back as in a paged output: the bar's text layer (PDF) or the label
 * (label style) is the template's `redaction.hbs` for the category, whatever a template makes it
 * say. The residual scan treats those texts as marks (a contact label beside one is no leak).
 */
import { loadTemplate, type Template } from '../writers/paged/templates.js';
import { REDACTION_CATEGORIES } from '../redact/types.js';

const labelsOf = new WeakMap<Template, string[]>();

/** Every text the template's redaction label gives, for each category and source (rendered once a template). */
export function markLabels(template: Template): string[] {
  let labels = labelsOf.get(template);
  if (labels) return labels;
  const label = template.texts.redactionLabel;
  const out = new Set<string>();
  if (label) {
    for (const category of [null, ...REDACTION_CATEGORIES]) {
      for (const source of ['cablekit', 'publisher'] as const) out.add(label({ category, source }));
    }
  }
  labelsOf.set(template, (labels = [...out]));
  return labels;
}

/** The labels of a cable template's marks (recorded in the audit log for `verify`). */
export function templateMarkLabels(nameOrDir?: string): string[] {
  return markLabels(loadTemplate(nameOrDir));
}
