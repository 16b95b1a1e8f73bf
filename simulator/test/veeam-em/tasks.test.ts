import { describe, expect, it } from 'vitest';
import { adminClient, GiB, JOBS, REPOSITORIES, VeeamClient, withVeeam } from './client.js';

const replicaClone = (name: string) => ({ ReplicaJobCloneInfo: { JobName: name, VmSuffix: '_r' } });

async function freeSpace(client: VeeamClient, id: string): Promise<number> {
  return (await client.get(`/repositories/${id}?format=Entity`, true)).json.FreeSpace;
}

async function control(client: VeeamClient, method: string, path: string, body: unknown): Promise<void> {
  const res = await client.sim.fetch('veeam-em')(new Request(`http://em.test/_sim${path}`, { method, body: JSON.stringify(body) }));
  expect(res.status).toBeLessThan(300);
}

describe('Veeam tasks on the manual clock', () => {
  it('runs a CloneJob task until its time has passed, then Finished; the job appears only then', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const res = await client.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: replicaClone('Later'), json: true });
      expect(res.json).toMatchObject({ TaskId: 'task-1', State: 'Running', Operation: 'CloneJob' });
      await client.advance(2);
      expect((await client.get('/tasks/task-1', true)).json.State).toBe('Running');
      expect((await client.get('/jobs', true)).json.Refs).toHaveLength(4);
      await client.advance(1);
      const done = (await client.get('/tasks/task-1', true)).json;
      expect(done).toMatchObject({ State: 'Finished', Result: { Success: true, Message: 'Ok' } });
      expect((await client.get('/jobs', true)).json.Refs.map((r: any) => r.Name)).toContain('Later');
    }));

  it("lists only the logon session's own tasks; another session sees 404", () =>
    withVeeam(async (sim) => {
      const first = await adminClient(sim);
      const second = await adminClient(sim);
      await first.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: replicaClone('One'), json: true });
      await second.send('POST', `/jobs/${JOBS.backup}?action=start`, { json: true });
      expect((await first.get('/tasks', true)).json.Tasks.map((t: any) => [t.TaskId, t.Operation])).toEqual([['task-1', 'CloneJob']]);
      const list = await second.get('/tasks');
      expect(list.xml?.name).toBe('TaskList');
      expect(list.xml?.children.map((t) => t.children.find((c) => c.name === 'TaskId')?.text)).toEqual(['task-2']);
      expect((await second.get('/tasks/task-1')).status).toBe(404);
      expect((await second.send('DELETE', '/tasks/task-1')).status).toBe(404);
      expect((await first.get('/tasks/task-99', true)).json.Message).toBe("Task with ID 'task-99' was not found.");
    }));

  it('deletes a task (204): a running one is stopped and its clone never happens', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      await client.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: replicaClone('Never'), json: true });
      expect((await client.send('DELETE', '/tasks/task-1')).status).toBe(204);
      expect((await client.get('/tasks/task-1')).status).toBe(404);
      await client.advance(60);
      expect((await client.get('/jobs', true)).json.Refs.map((r: any) => r.Name)).not.toContain('Never');
      // numbers are not handed out again
      const next = await client.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: replicaClone('Next'), json: true });
      expect(next.json.TaskId).toBe('task-2');
    }));

  it('turns a task fault rule into Result Success="false" with its message, and an error rule into a Veeam error', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      await control(client, 'PUT', '/faults', [
        { api: 'veeam-em', operationId: 'cloneJob', task: { fail: 'Failed to clone job: backup server is busy' } },
        { api: 'veeam-em', operationId: 'listJobs', error: { status: 503, message: 'Service is temporarily unavailable' } },
      ]);
      const res = await client.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: replicaClone('Faulty') });
      expect(res.status).toBe(202);
      await client.advance(10);
      const task = await client.get('/tasks/task-1');
      const result = task.xml?.children.find((c) => c.name === 'Result');
      expect(result?.attributes).toEqual({ Success: 'false' });
      expect(result?.children[0]).toMatchObject({ name: 'Message', text: 'Failed to clone job: backup server is busy' });
      expect((await client.get('/jobs', true)).json).toEqual({ FirstChanceExceptionMessage: null, Message: 'Service is temporarily unavailable', StackTrace: null, Status: null, StatusCode: 503 });
    }));
});

describe('start, stop and retry', () => {
  it('starts a job: a backup session runs with progress and writes its data to the repository', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const before = await freeSpace(client, REPOSITORIES.default);
      const res = await client.send('POST', `/jobs/${JOBS.backup}?action=start`, { json: true });
      expect(res.status).toBe(202);
      expect(res.json).toMatchObject({ Operation: 'StartJob', State: 'Running' });
      const task = await client.finish(res.json.TaskId);
      expect(task.Result).toEqual({ Success: true, Message: 'Ok' });
      const link = task.Links.find((l: any) => l.Rel === 'Related');
      expect(link.Type).toBe('BackupJobSession');
      const path = `${new URL(link.Href).pathname.replace('/api', '')}?format=Entity`;
      const running = (await client.get(path, true)).json;
      expect(running).toMatchObject({ JobName: 'Web Backup', JobType: 'Backup', State: 'Working', Result: 'None', IsRetry: false });
      expect(running).not.toHaveProperty('EndTimeUTC');
      await client.advance(30);
      const halfway = (await client.get(path, true)).json.Progress;
      expect(halfway).toBeGreaterThan(0);
      expect(halfway).toBeLessThan(100);
      expect(await freeSpace(client, REPOSITORIES.default)).toBe(before);
      await client.advance(600);
      const done = (await client.get(path, true)).json;
      expect(done).toMatchObject({ State: 'Stopped', Result: 'Success', Progress: 100 });
      expect(done.EndTimeUTC).toBeDefined();
      // web-01 (20 GiB) and tmpl-ubuntu-2404 (8 GiB)
      expect(before - (await freeSpace(client, REPOSITORIES.default))).toBe(28 * GiB);
    }));

  it('fails the session on the nearly full repository, and retry runs it again', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const before = await freeSpace(client, REPOSITORIES.offsite);
      const start = await client.send('POST', `/jobs/${JOBS.backupCopy}?action=start`, { json: true });
      await client.finish(start.json.TaskId);
      await client.advance(800);
      const sessions = (await client.get('/backupSessions?format=Entity', true)).json.BackupJobSessions;
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ JobName: 'Offsite Copy', State: 'Stopped', Result: 'Failed' });
      expect(await freeSpace(client, REPOSITORIES.offsite)).toBe(before);
      const retry = await client.send('POST', `/jobs/${JOBS.backupCopy}?action=retry`, { json: true });
      expect((await client.finish(retry.json.TaskId)).Result.Success).toBe(true);
      const after = (await client.get('/backupSessions?format=Entity', true)).json.BackupJobSessions;
      expect(after.map((s: any) => s.IsRetry)).toEqual([false, true]);
      // nothing failed last on the backup job: nothing to retry
      const nothing = await client.send('POST', `/jobs/${JOBS.backup}?action=retry`, { json: true });
      expect((await client.finish(nothing.json.TaskId)).Result).toEqual({ Success: false, Message: "Job 'Web Backup' has no failed session to retry." });
    }));

  it('stops a running session (no data written) and refuses to stop a job that is not running', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const before = await freeSpace(client, REPOSITORIES.default);
      const start = await client.send('POST', `/jobs/${JOBS.immediate}?action=start`, { json: true });
      await client.finish(start.json.TaskId);
      const again = await client.send('POST', `/jobs/${JOBS.immediate}?action=start`, { json: true });
      expect((await client.finish(again.json.TaskId)).Result).toEqual({ Success: false, Message: "Job 'Build Immediate Copy' is already running." });
      const stop = await client.send('POST', `/jobs/${JOBS.immediate}?action=stop`);
      expect(stop.status).toBe(202);
      const stopped = await client.finish(stop.xml!.children.find((c) => c.name === 'TaskId')!.text);
      expect(stopped.Result.Success).toBe(true);
      const session = (await client.get('/backupSessions?format=Entity', true)).json.BackupJobSessions[0];
      expect(session).toMatchObject({ State: 'Stopped', Result: 'Failed' });
      await client.advance(800);
      expect(await freeSpace(client, REPOSITORIES.default)).toBe(before);
      const idle = await client.send('POST', `/jobs/${JOBS.immediate}?action=stop`, { json: true });
      expect((await client.finish(idle.json.TaskId)).Result).toEqual({ Success: false, Message: "Job 'Build Immediate Copy' is not running." });
    }));

  it('stops a session even when the clock jumps past both the stop and the session end at once', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const start = await client.send('POST', `/jobs/${JOBS.immediate}?action=start`, { json: true });
      await client.finish(start.json.TaskId);
      const before = await freeSpace(client, REPOSITORIES.default);
      await client.send('POST', `/jobs/${JOBS.immediate}?action=stop`, { json: true });
      await client.advance(300);
      const session = (await client.get('/backupSessions?format=Entity', true)).json.BackupJobSessions[0];
      expect(session).toMatchObject({ State: 'Stopped', Result: 'Failed' });
      expect(await freeSpace(client, REPOSITORIES.default)).toBe(before);
    }));
});
