import { useState } from 'react';
import type { SourceTestView, SourceView } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { navigate } from '../../app/router';
import { Badge, Button, Empty, ErrorBanner, PageHeader, Panel, SkeletonLines } from '../../components/ui';
import { fmtDate } from '../../lib/format';
import { ImportPanel } from './ImportPanel';
import { ScheduleEditor } from './ScheduleEditor';
import { SourceForm } from './SourceForm';
import { secretModeOf, typeLabel } from './schema-form';
import type { ErrorBody } from '@contract';

function credentialSummary(source: SourceView, secretFields: readonly string[]): string {
  const parts = secretFields
    .filter((f) => secretModeOf(source.config[f]) !== 'none')
    .map((f) => {
      const label = f.replace(/Env$/, '');
      return secretModeOf(source.config[f]) === 'stored' ? `${label}: configured` : `${label}: $${String(source.config[f])}`;
    });
  if (parts.length) return parts.join(', ');
  const c = source.config;
  if (source.type === 'aws') return c.profile ? `profile ${String(c.profile)}` : 'AWS default credential chain';
  if (source.type === 'gcp') return c.keyFile ? `key file ${String(c.keyFile)}` : 'application default credentials';
  if (source.type === 'azure') return 'Azure default credential chain';
  return 'no credentials';
}

function target(source: SourceView): string {
  const c = source.config;
  if (c.importOnly) return 'Imported files only';
  if (typeof c.url === 'string') return c.url;
  if (typeof c.host === 'string') return c.host;
  if (typeof c.project === 'string') return `Project ${c.project}`;
  if (typeof c.subscriptionId === 'string') return `Subscription ${c.subscriptionId}`;
  if (Array.isArray(c.regions)) return `Regions ${c.regions.join(', ')}`;
  return '—';
}

export function SourcesPage() {
  const types = useQuery('source.types', {});
  const sources = useQuery('source.list', {});
  const schedules = useQuery('schedule.list', {});
  const { changed, notify } = useApp();
  const call = useCaller();
  const [mode, setMode] = useState<{ kind: 'add' } | { kind: 'edit'; source: SourceView } | null>(null);
  const [tests, setTests] = useState<Record<string, { busy: boolean; result?: SourceTestView; error?: ErrorBody }>>({});
  const [error, setError] = useState<ErrorBody | null>(null);

  const test = async (name: string) => {
    setTests((t) => ({ ...t, [name]: { busy: true } }));
    try {
      const result = await call('source.test', { name });
      setTests((t) => ({ ...t, [name]: { busy: false, result } }));
    } catch (err) {
      setTests((t) => ({ ...t, [name]: { busy: false, error: err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) } } }));
    }
  };
  const remove = async (name: string) => {
    if (!window.confirm(`Remove the source “${name}”? Its evidence and history stay in the store; only future collection stops.`)) return;
    try {
      await call('source.remove', { name });
      changed();
      notify(`Source “${name}” removed`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : null);
    }
  };

  const secretFieldsOf = (type: string) => types.data?.find((t) => t.type === type)?.secretFields ?? [];
  const list = sources.data ?? [];
  return (
    <div className="page">
      <PageHeader
        title="Sources"
        description="The systems evidence is collected from. Credentials stay on this computer and never enter the evidence store or a bundle."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setMode({ kind: 'add' })} disabled={!types.data}>
            Add source
          </Button>
        }
      />
      <ErrorBanner error={sources.error ?? types.error ?? error} />
      {mode && types.data && (
        <Panel
          title={mode.kind === 'add' ? 'Add a source' : `Edit ${mode.source.name}`}
          description="Fields follow the collector's own configuration schema."
        >
          <SourceForm
            key={mode.kind === 'edit' ? mode.source.name : 'add'}
            types={types.data}
            editing={mode.kind === 'edit' ? mode.source : undefined}
            onDone={() => setMode(null)}
          />
        </Panel>
      )}
      <Panel title="Configured sources" description={sources.data ? `${list.length} source${list.length === 1 ? '' : 's'}` : ' '} flush>
        {!sources.data ? (
          <div className="panel-body">
            <SkeletonLines lines={3} />
          </div>
        ) : list.length === 0 ? (
          <Empty title="No sources yet" action={<Button onClick={() => setMode({ kind: 'add' })}>Add your first source</Button>}>
            Connect MLflow or AWS, or import an administrator's export file below.
          </Empty>
        ) : (
          <table className="table" aria-label="Configured sources">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th>Target</th>
                <th>Credentials</th>
                <th>Added</th>
                <th>Connection</th>
                <th>Schedule</th>
                <th className="num">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => {
                const t = tests[s.name];
                const importOnly = s.config.importOnly === true;
                return (
                  <tr key={s.id} data-testid={`source-row-${s.name}`}>
                    <td>
                      <strong>{s.name}</strong>
                    </td>
                    <td>{typeLabel(s.type)}</td>
                    <td className="break">{target(s)}</td>
                    <td className="small">{importOnly ? '—' : credentialSummary(s, secretFieldsOf(s.type))}</td>
                    <td className="nowrap">{fmtDate(s.createdAt)}</td>
                    <td className="small" aria-live="polite">
                      {importOnly ? (
                        <Badge tone="muted" plain>
                          Offline imports
                        </Badge>
                      ) : t?.busy ? (
                        <Badge tone="info">Testing…</Badge>
                      ) : t?.result ? (
                        <span>
                          <Badge tone={t.result.ok ? 'ok' : 'bad'}>{t.result.ok ? 'Connected' : 'Failed'}</Badge>{' '}
                          <span className="muted">
                            {[t.result.serverVersion && `v${t.result.serverVersion}`, t.result.identity].filter(Boolean).join(' · ') ||
                              t.result.detail}
                          </span>
                        </span>
                      ) : t?.error ? (
                        <span title={t.error.message}>
                          <Badge tone="bad">Connection error</Badge> <span className="muted break">{t.error.message}</span>
                        </span>
                      ) : (
                        <span className="muted">Not tested</span>
                      )}
                    </td>
                    <td>
                      <ScheduleEditor
                        key={`${s.name}|${schedules.data ? 'loaded' : ''}`}
                        source={s.name}
                        schedule={schedules.data?.find((x) => x.source === s.name)}
                      />
                    </td>
                    <td className="num">
                      <div className="row nowrap">
                        {!importOnly && (
                          <Button size="small" onClick={() => void test(s.name)} busy={t?.busy}>
                            Test
                          </Button>
                        )}
                        {!importOnly && (
                          <Button size="small" onClick={() => navigate('collect')}>
                            Collect
                          </Button>
                        )}
                        {!importOnly && (
                          <Button size="small" onClick={() => setMode({ kind: 'edit', source: s })}>
                            Edit
                          </Button>
                        )}
                        <Button size="small" variant="danger" onClick={() => void remove(s.name)} aria-label={`Remove ${s.name}`}>
                          Remove
                        </Button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Panel>
      <ImportPanel />
    </div>
  );
}
