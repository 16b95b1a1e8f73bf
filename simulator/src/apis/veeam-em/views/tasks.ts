// Tasks (seed 003's shape) and backup job sessions.
import { el, type Element, nested, repeated, text, wrapped } from '../representation/tree.js';
import type { BackupSession } from '../model/backup-sessions.js';
import type { TaskRelated, VeeamTask } from '../model/tasks.js';
import { uidOf } from '../model/uids.js';
import { referenceView } from './infrastructure.js';
import { hrefs, link } from './links.js';

export function taskView(base: string, task: VeeamTask): Element {
  const href = hrefs.task(base, task.taskId);
  const { engine } = task;
  const running = engine.state === 'running' || engine.state === 'queued';
  const links = [link('Delete', 'Task', href)];
  const related = (engine.result as { related?: TaskRelated } | null)?.related;
  if (related?.type === 'Job') links.push(link('Related', 'Job', hrefs.entity(hrefs.job(base, related.id)), related.name));
  if (related?.type === 'BackupJobSession') links.push(link('Related', 'BackupJobSession', hrefs.backupSession(base, related.id), related.name));
  return el(
    'Task',
    { Type: 'Task', Href: href },
    wrapped('Links', links),
    text('TaskId', task.taskId),
    text('State', running ? 'Running' : 'Finished'),
    text('Operation', task.operation),
    running ? undefined : nested(el('Result', { Success: engine.state === 'succeeded' }, text('Message', engine.state === 'succeeded' ? 'Ok' : (engine.error ?? 'Failed')))),
  );
}

export function taskListView(base: string, tasks: VeeamTask[]): Element {
  return el('TaskList', {}, repeated('Tasks', tasks.map((task) => taskView(base, task))));
}

function sessionName(session: BackupSession): string {
  return `${session.jobName}@${new Date(session.createdAt).toISOString()}`;
}

export function backupSessionRef(base: string, session: BackupSession): Element {
  const href = hrefs.backupSession(base, session.id);
  return referenceView(uidOf('BackupJobSession', session.id), sessionName(session), href, 'BackupJobSessionReference', [
    link('Up', 'JobReference', hrefs.job(base, session.jobId), session.jobName),
    link('Alternate', 'BackupJobSession', hrefs.entity(href), sessionName(session)),
  ]);
}

export function backupSessionView(base: string, session: BackupSession, progress: number): Element {
  const href = hrefs.backupSession(base, session.id);
  const { engine } = session;
  const running = engine.state === 'running' || engine.state === 'queued';
  const result = running ? 'None' : engine.state === 'succeeded' ? 'Success' : 'Failed';
  return el(
    'BackupJobSession',
    { Href: href, Type: 'BackupJobSession', Name: sessionName(session), UID: uidOf('BackupJobSession', session.id) },
    wrapped('Links', [link('Up', 'JobReference', hrefs.job(base, session.jobId), session.jobName), link('Alternate', 'BackupJobSessionReference', href, sessionName(session))]),
    text('JobUid', uidOf('Job', session.jobId)),
    text('JobName', session.jobName),
    text('JobType', session.jobType),
    text('CreationTimeUTC', new Date(session.createdAt).toISOString()),
    running || engine.finishedAt === null ? undefined : text('EndTimeUTC', new Date(engine.finishedAt).toISOString()),
    text('State', running ? 'Working' : 'Stopped'),
    text('Result', result),
    text('Progress', Math.floor(progress * 100)),
    text('IsRetry', session.isRetry),
  );
}

export function backupSessionsView(base: string, sessions: Array<{ session: BackupSession; progress: number }>): Element {
  return el('BackupJobSessions', {}, repeated('BackupJobSessions', sessions.map(({ session, progress }) => backupSessionView(base, session, progress))));
}
