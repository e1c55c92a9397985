import type { RecordField, RecordSummary } from '../../../shared/ipc';
import { typeSingular } from '../lib/format';
import { useOrg, useStores } from '../context';
import { Empty, ErrorNote, Spinner } from './common';
import { PasswordControls } from './Passwords';
import { SafeSection } from './SafeSection';
import { CopyText } from './SourceCard';
import { CopyIcon, RichText } from './RichText';
import { dateWithRelative } from '../../../shared/format/dates';
import { displayMac } from '../../../shared/format/mac';

// Values a technician pastes elsewhere get a copy button, whatever their kind.
const COPYABLE = /serial|asset tag|hostname|user ?name|fqdn|e-?mail|phone|domain|ssid/i;

function FieldValue({ field }: { field: RecordField }) {
  switch (field.kind) {
    case 'ip':
      return <code className="mono">{field.value}</code>;
    case 'mac':
      return <code className="mono">{displayMac(field.value, { bare: true }) ?? field.value}</code>;
    case 'url':
      return /^https:\/\//i.test(field.value) ? (
        <a href={field.value} target="_blank" rel="noopener noreferrer">
          {field.value}
        </a>
      ) : (
        <span>{field.value}</span>
      );
    case 'date':
      return <time dateTime={field.value}>{dateWithRelative(field.value)}</time>;
    case 'multiline':
      return <div className="pre-wrap">{field.value}</div>;
    default:
      return (
        <span>
          <RichText text={field.value} />
        </span>
      );
  }
}

function copyOf(field: RecordField): string | null {
  if (field.kind === 'mac') return displayMac(field.value, { bare: true }) ?? field.value;
  if (field.kind === 'ip' || field.kind === 'url' || COPYABLE.test(field.label)) return field.value;
  return null;
}

function RelatedList({ title, items }: { title: string; items: RecordSummary[] }) {
  const { org } = useStores();
  if (items.length === 0) return null;
  return (
    <section className="detail-section" aria-label={title}>
      <h3>{title}</h3>
      <ul className="related">
        {items.map((r) => (
          <li key={`${r.type}-${r.id}`}>
            <button type="button" className="related-item" onClick={() => void org.getState().open(r.type, r.id)}>
              <span className={`type-pill type-${r.type}`}>{typeSingular(r.type)}</span>
              <span className="related-name">{r.name}</span>
              {r.subtitle && <span className="muted">{r.subtitle}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RecordDetailPane() {
  const { org } = useStores();
  const detail = useOrg((s) => s.detail);
  const trail = useOrg((s) => s.trail);
  const d = detail.data;
  if (detail.loading && !d) return <Spinner label="Loading record…" />;
  if (detail.error) return <ErrorNote error={detail.error} />;
  if (!d) return <Empty title="Select a record">Details, interfaces and related items show here.</Empty>;
  const self = d.type === 'passwords' ? d.passwords?.find((p) => p.id === d.id) : undefined;
  const attached = d.passwords?.filter((p) => p !== self) ?? [];
  return (
    <article className="detail" aria-label={`${typeSingular(d.type)} ${d.name}`} aria-busy={detail.loading}>
      <div className="detail-head">
        {trail.length > 0 && (
          <button type="button" className="btn btn-small btn-quiet" onClick={() => void org.getState().back()} aria-label="Back to previous record">
            ← Back
          </button>
        )}
        <span className={`type-pill type-${d.type}`}>{typeSingular(d.type)}</span>
        {d.archived && <span className="badge">Archived</span>}
        <span className="spacer" />
        {/^https:\/\//i.test(d.url) && (
          <a className="btn btn-small btn-quiet" href={d.url} target="_blank" rel="noopener noreferrer">
            Open in IT Glue ↗
          </a>
        )}
      </div>
      <h2 className="detail-title">{d.name}</h2>
      {d.org && <div className="muted">{d.org.name}</div>}
      {d.detailsNote && (
        <p className="details-note" role="status">
          {d.detailsNote}
        </p>
      )}
      {self && <PasswordControls meta={self} />}
      {d.fields.length > 0 && (
        <dl className="fields">
          {d.fields.map((f, i) => (
            <div key={`${f.label}-${i}`} className="field-row">
              <dt>{f.label}</dt>
              <dd>
                <FieldValue field={f} />
                {copyOf(f) !== null && <CopyText text={copyOf(f) ?? ''} label={`Copy ${f.label}`} />}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {d.interfaces && d.interfaces.length > 0 && (
        <section className="detail-section" aria-label="Interfaces">
          <h3>Interfaces</h3>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">IP address</th>
                <th scope="col">MAC address</th>
              </tr>
            </thead>
            <tbody>
              {d.interfaces.map((n, i) => (
                <tr key={`${n.name}-${i}`}>
                  <td>
                    {n.name} {n.primary && <span className="badge">Primary</span>}
                  </td>
                  <td className="mono">{n.ip ? <><span>{n.ip}</span><CopyIcon text={n.ip} what="IP" /></> : '—'}</td>
                  <td className="mono">{n.mac ? <><span>{displayMac(n.mac, { bare: true }) ?? n.mac}</span><CopyIcon text={displayMac(n.mac, { bare: true }) ?? n.mac} what="MAC" /></> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {attached.length > 0 && (
        <section className="detail-section" aria-label="Passwords">
          <h3>Passwords</h3>
          <ul className="pw-list">
            {attached.map((p) => (
              <li key={p.id}>
                <div className="pw-name">
                  {p.name} {p.username && <span className="muted">· {p.username}</span>}
                </div>
                <PasswordControls meta={p} compact />
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.sections && d.sections.length > 0 && (
        <section className="detail-section doc" aria-label="Document">
          {d.sections.map((s) => (
            <SafeSection key={s.id} section={s} />
          ))}
        </section>
      )}
      <RelatedList title="Uses / belongs to" items={d.related.up} />
      <RelatedList title="Used by / contains" items={d.related.down} />
    </article>
  );
}
