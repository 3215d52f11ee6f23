import type { ItemDetail } from '@contract';
import { Empty } from '../../components/ui';
import { fmtNumber } from '../../lib/format';

/** The item's content as the PDF report shows it: users and roles, model versions, retention rules, changes. */
export function ContentTables(props: { detail: ItemDetail }) {
  const tables = props.detail.tables.filter((t) => t.columns.length > 0 || t.note);
  if (tables.length === 0) return <Empty title="No table view for this kind">See the canonical JSON tab for the full content.</Empty>;
  return (
    <div className="stack">
      {tables.map((t, i) => (
        <section key={i} className="panel" aria-label={t.title}>
          <div className="panel-header">
            <div>
              <h3>{t.title}</h3>
              {t.note && <p>{t.note}</p>}
            </div>
            <span className="small muted nowrap">{fmtNumber(t.rows.length + t.omitted)} rows</span>
          </div>
          {t.columns.length > 0 && (
            <div className="table-wrap">
              <table className="table" data-testid="content-table">
                <thead>
                  <tr>
                    {t.columns.map((c) => (
                      <th key={c}>{c}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {t.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) => (
                        <td key={k} className="break">
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {t.omitted > 0 && (
            <div className="panel-body small muted">{fmtNumber(t.omitted)} more rows are in the canonical JSON (and in the bundle).</div>
          )}
        </section>
      ))}
    </div>
  );
}
