/** The header fields of a cable as a form to read at a glance: what the parser made of the header. */
import type { JSX } from 'preact';
import type { Cable } from './api.js';

function Field({ label, children, id }: { label: string; id: string; children: JSX.Element | string | null }): JSX.Element {
  return (
    <div class="field">
      <dt id={`f-${id}`}>{label}</dt>
      <dd aria-labelledby={`f-${id}`}>{children === null || children === '' ? <span class="muted">—</span> : children}</dd>
    </div>
  );
}

function banner(c: Cable): string {
  return [c.classification.level, ...c.classification.caveats].join('//');
}

export function HeaderTab({ cable }: { cable: Cable }): JSX.Element {
  const recipients = (list: Cable['to'], caption: string) =>
    list.length === 0 ? null : (
      <table class="grid">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Addressee</th>
            <th scope="col">Route</th>
            <th scope="col">Precedence</th>
            <th scope="col">Serial</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r, i) => (
            <tr key={i}>
              <td>{r.name}</td>
              <td>{r.route ?? '—'}</td>
              <td>{r.precedence ?? '—'}</td>
              <td>{r.serial ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <form class="header-form" aria-label="Header fields" onSubmit={(e) => e.preventDefault()}>
      <dl>
        <Field id="id" label="Reference id">
          {cable.id}
        </Field>
        <Field id="date" label="Date">
          {cable.date}
        </Field>
        <Field id="classification" label="Classification">
          {banner(cable)}
        </Field>
        <Field id="origin" label="Origin">
          {cable.origin}
        </Field>
        <Field id="from" label="From">
          {cable.from}
        </Field>
        <Field id="precedence" label="Precedence">
          {cable.precedence}
        </Field>
        <Field id="to" label="To">
          {recipients(cable.to, 'Addressees (to)')}
        </Field>
        <Field id="info" label="Info">
          {recipients(cable.info, 'Addressees (info)')}
        </Field>
        <Field id="tags" label="Tags">
          {cable.tags.length ? (
            <ul class="tags">
              {cable.tags.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          ) : null}
        </Field>
        <Field id="subject" label="Subject">
          {cable.subject === null ? null : `${cable.subjectMarking ? `(${cable.subjectMarking.raw}) ` : ''}${cable.subject}`}
        </Field>
        <Field id="summary" label="Summary">
          {cable.summary}
        </Field>
        <Field id="references" label="References">
          {cable.references.length === 0 ? null : (
            <table class="grid" id="references">
              <caption class="sr-only">References</caption>
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">As written</th>
                  <th scope="col">Canonical id</th>
                </tr>
              </thead>
              <tbody>
                {cable.references.map((r, i) => (
                  <tr key={i}>
                    <td>{r.label || '—'}</td>
                    <td>{r.text}</td>
                    <td>{r.id ?? <span class="muted">not a cable</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Field>
        <Field id="classified-by" label="Classified by">
          {[cable.classifiedBy, cable.reasons.length ? `Reasons: ${cable.reasons.join(', ')}` : ''].filter(Boolean).join('. ')}
        </Field>
        <Field id="declassify" label="Declassify on">
          {cable.declassify}
        </Field>
        <Field id="eo" label="E.O.">
          {cable.eoLine ?? cable.eo}
        </Field>
        <Field id="signature" label="Signature">
          {cable.signature}
        </Field>
        <Field id="paragraphs" label="Paragraphs">
          {String(cable.paragraphs.filter((p) => p.number !== null).length)}
        </Field>
        <Field id="shape" label="Read as">
          {`${cable.shape}${cable.partial ? ' (partial extract)' : ''}`}
        </Field>
      </dl>
    </form>
  );
}
