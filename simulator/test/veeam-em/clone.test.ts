import { describe, expect, it } from 'vitest';
import { adminClient, child, cloneXml, JOBS, NS, REPOSITORIES, SERVER, withVeeam } from './client.js';

const repo = (id: string) => `urn:veeam:Repository:${id}`;

/** One valid body per job type, as the seed lists the required elements. */
const BODIES = {
  backup: { info: 'BackupJobCloneInfo', elements: { JobName: 'Web Backup 2', FolderName: 'Web Backup 2', RepositoryUid: repo(REPOSITORIES.offsite), Description: 'Cloned web backup' } },
  replica: { info: 'ReplicaJobCloneInfo', elements: { JobName: 'DB Replica 2', VmSuffix: '_dr', Description: 'Cloned replica' } },
  backupCopy: { info: 'BackupCopyJobCloneInfo', elements: { JobName: 'Offsite Copy 2', JobFileName: 'Offsite Copy 2 file', RepositoryUid: repo(REPOSITORIES.default) } },
  immediate: { info: 'ImmediateBackupCopyJobCloneInfo', elements: { JobName: 'Build Copy 2', JobFileName: 'Build Copy 2 file', RepositoryUid: repo(REPOSITORIES.default), Description: 'Immediate' } },
} as const;

const INFO_OF = { backup: 'BackupJobInfo', replica: 'ReplicaJobInfo', backupCopy: 'BackupCopyJobInfo', immediate: 'ImmediateBackupCopyJobInfo' } as const;

describe('cloning a job (seed 003)', () => {
  for (const [kind, { info, elements }] of Object.entries(BODIES) as Array<[keyof typeof BODIES, (typeof BODIES)[keyof typeof BODIES]]>) {
    for (const representation of ['xml', 'json'] as const) {
      it(`clones a ${kind} job from a ${representation} body: 202 Task, then the new job with a Related link and Result Ok`, () =>
        withVeeam(async (sim) => {
          const client = await adminClient(sim);
          const body = representation === 'xml' ? cloneXml(info, elements) : { [info]: elements };
          const res = await client.send('POST', `/jobs/${JOBS[kind]}?action=clone`, { body });
          expect(res.status, res.text).toBe(202);
          expect(res.xml?.name).toBe('Task');
          expect(res.xml?.attributes).toMatchObject({ xmlns: NS, Type: 'Task', Href: 'https://em.test:9398/api/tasks/task-1' });
          expect(res.xml?.children.map((c) => [c.name, c.text])).toEqual([['Links', ''], ['TaskId', 'task-1'], ['State', 'Running'], ['Operation', 'CloneJob']]);
          expect(child(child(res.xml, 'Links'), 'Link')?.attributes).toEqual({ Rel: 'Delete', Type: 'Task', Href: 'https://em.test:9398/api/tasks/task-1' });
          const task = await client.finish('task-1');
          expect(task.Result).toEqual({ Success: true, Message: 'Ok' });
          const related = task.Links.find((l: any) => l.Rel === 'Related');
          expect(related).toMatchObject({ Type: 'Job', Name: elements.JobName });
          expect(related.Href).toMatch(/\/api\/jobs\/[0-9a-f-]{36}\?format=Entity$/);
          const job = (await client.get(related.Href.replace('https://em.test:9398/api', ''), true)).json;
          const source = (await client.get(`/jobs/${JOBS[kind]}?format=Entity`, true)).json;
          expect(job).toMatchObject({ Type: 'Job', Name: elements.JobName, JobType: source.JobType, Platform: source.Platform });
          expect(job.Links[0]).toMatchObject({ Rel: 'Up', Href: `https://em.test:9398/api/backupServers/${SERVER}` });
          expect(job.JobInfo[INFO_OF[kind]].Includes).toEqual(source.JobInfo[INFO_OF[kind]].Includes);
          if ('Description' in elements) expect(job.Description).toBe(elements.Description);
          if ('VmSuffix' in elements) expect(job.JobInfo.ReplicaJobInfo.VmSuffix).toBe(elements.VmSuffix);
          if ('FolderName' in elements) expect(job.JobInfo.BackupJobInfo.FolderName).toBe(elements.FolderName);
          if ('JobFileName' in elements) expect(job.JobInfo[INFO_OF[kind]].JobFileName).toBe(elements.JobFileName);
          if ('RepositoryUid' in elements) {
            const repository = job.Links.find((l: any) => l.Type === 'RepositoryReference');
            expect(repository.Href.split('/').pop()).toBe(elements.RepositoryUid.split(':').pop());
          }
          expect((await client.get('/jobs', true)).json.Refs).toHaveLength(5);
        }));
    }
  }

  it('refuses a CloneInfo that does not match the job type with 400', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const wrong = await client.send('POST', `/jobs/${JOBS.backup}?action=clone`, { body: { ReplicaJobCloneInfo: BODIES.replica.elements }, json: true });
      expect(wrong.status).toBe(400);
      expect(wrong.json.Message).toBe("The clone options do not match the job type: job 'Web Backup' is a Backup job and is cloned with BackupJobCloneInfo, not ReplicaJobCloneInfo.");
      const copyAsImmediate = await client.send('POST', `/jobs/${JOBS.backupCopy}?action=clone`, { body: cloneXml('ImmediateBackupCopyJobCloneInfo', BODIES.immediate.elements) });
      expect(copyAsImmediate.status).toBe(400);
      expect(copyAsImmediate.xml?.attributes.Message).toMatch(/is a BackupCopy job and is cloned with BackupCopyJobCloneInfo/);
      expect((await client.get('/tasks', true)).json.Tasks).toEqual([]);
    }));

  it('requires each type its own elements', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const cases: Array<[string, string, Record<string, string>, string]> = [
        [JOBS.backup, 'BackupJobCloneInfo', { JobName: 'a', RepositoryUid: repo(REPOSITORIES.default) }, "element 'FolderName' is required in 'BackupJobCloneInfo'"],
        [JOBS.backup, 'BackupJobCloneInfo', { JobName: 'a', FolderName: 'a' }, "element 'RepositoryUid' is required in 'BackupJobCloneInfo'"],
        [JOBS.replica, 'ReplicaJobCloneInfo', { JobName: 'a' }, "element 'VmSuffix' is required in 'ReplicaJobCloneInfo'"],
        [JOBS.replica, 'ReplicaJobCloneInfo', { VmSuffix: '_r' }, "element 'JobName' is required in 'ReplicaJobCloneInfo'"],
        [JOBS.backupCopy, 'BackupCopyJobCloneInfo', { JobName: 'a', RepositoryUid: repo(REPOSITORIES.default) }, "element 'JobFileName' is required in 'BackupCopyJobCloneInfo'"],
        [JOBS.immediate, 'ImmediateBackupCopyJobCloneInfo', { JobName: 'a', JobFileName: 'a' }, "element 'RepositoryUid' is required in 'ImmediateBackupCopyJobCloneInfo'"],
        [JOBS.replica, 'ReplicaJobCloneInfo', { JobName: 'a', VmSuffix: '_r', FolderName: 'x' }, "element 'FolderName' is not expected in 'ReplicaJobCloneInfo'"],
      ];
      for (const [job, info, elements, message] of cases) {
        const xml = await client.send('POST', `/jobs/${job}?action=clone`, { body: cloneXml(info, elements) });
        expect(xml.status, `${info} ${JSON.stringify(elements)}`).toBe(400);
        expect(xml.xml?.attributes.Message).toBe(`The request body is not valid: ${message}.`);
        const json = await client.send('POST', `/jobs/${job}?action=clone`, { body: { [info]: elements }, json: true });
        expect(json.json).toEqual({ FirstChanceExceptionMessage: null, Message: `The request body is not valid: ${message}.`, StackTrace: null, Status: null, StatusCode: 400 });
      }
      const none = await client.send('POST', `/jobs/${JOBS.backup}?action=clone`, { body: {}, json: true });
      expect(none.json.Message).toMatch(/exactly one of BackupJobCloneInfo, ReplicaJobCloneInfo, BackupCopyJobCloneInfo, ImmediateBackupCopyJobCloneInfo/);
      const two = await client.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: { ReplicaJobCloneInfo: BODIES.replica.elements, BackupJobCloneInfo: BODIES.backup.elements }, json: true });
      expect(two.status).toBe(400);
      const missing = await client.send('POST', `/jobs/${JOBS.replica}?action=clone`, { json: true });
      expect(missing.status).toBe(400);
      expect(missing.json.Message).toMatch(/request body is missing/);
    }));

  it('allows JobName up to 50 characters, not 51', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const long = await client.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: { ReplicaJobCloneInfo: { JobName: 'x'.repeat(51), VmSuffix: '_r' } }, json: true });
      expect(long.status).toBe(400);
      expect(long.json.Message).toBe("The request body is not valid: 'ReplicaJobCloneInfo/JobName' must be at most 50 characters long.");
      const fits = await client.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: { ReplicaJobCloneInfo: { JobName: 'x'.repeat(50), VmSuffix: '_r' } }, json: true });
      expect(fits.status).toBe(202);
    }));

  it('needs a RepositoryUid that names a repository (404)', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const uid = 'urn:veeam:Repository:00000000-1111-2222-3333-444444444444';
      const res = await client.send('POST', `/jobs/${JOBS.backup}?action=clone`, { body: { BackupJobCloneInfo: { ...BODIES.backup.elements, RepositoryUid: uid } }, json: true });
      expect(res.status).toBe(404);
      expect(res.json.Message).toBe(`Repository with UID '${uid}' was not found.`);
      const malformed = await client.send('POST', `/jobs/${JOBS.backup}?action=clone`, { body: cloneXml('BackupJobCloneInfo', { ...BODIES.backup.elements, RepositoryUid: 'repo-1' }) });
      expect(malformed.status).toBe(400);
      expect(malformed.xml?.attributes.Message).toBe("The request body is not valid: 'BackupJobCloneInfo/RepositoryUid' has an invalid format: 'repo-1'.");
    }));

  it('fails the task, not the request, when the name is taken (names compare without case)', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const res = await client.send('POST', `/jobs/${JOBS.backup}?action=clone`, { body: { BackupJobCloneInfo: { ...BODIES.backup.elements, JobName: 'db replica' } }, json: true });
      expect(res.status).toBe(202);
      const task = await client.finish(res.json.TaskId);
      expect(task.Result).toEqual({ Success: false, Message: "Job with name 'db replica' already exists on backup server 'vbr01.hypersim.local'." });
      expect(task.Links.map((l: any) => l.Rel)).toEqual(['Delete']);
      expect((await client.get('/jobs', true)).json.Refs).toHaveLength(4);
    }));

  it('answers 400 for malformed XML, a wrong root or namespace, malformed JSON; 415 for other media types; 404 for an unknown job', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const url = `/jobs/${JOBS.replica}?action=clone`;
      const broken = await client.send('POST', url, { body: '<JobCloneSpec xmlns="http://www.veeam.com/ent/v1.0"><ReplicaJobCloneInfo></JobCloneSpec>' });
      expect(broken.status).toBe(400);
      expect(broken.xml?.attributes.Message).toMatch(/^There is an error in XML document \(1, \d+\)/);
      const wrongNamespace = await client.send('POST', url, { body: cloneXml('ReplicaJobCloneInfo', BODIES.replica.elements, 'urn:other') });
      expect(wrongNamespace.status).toBe(400);
      expect(wrongNamespace.xml?.attributes.Message).toBe('The request body must be a JobCloneSpec element in the namespace http://www.veeam.com/ent/v1.0, not JobCloneSpec in urn:other.');
      const wrongRoot = await client.send('POST', url, { body: `<Task xmlns="${NS}"/>` });
      expect(wrongRoot.status).toBe(400);
      const badJson = await client.send('POST', url, { body: '{"ReplicaJobCloneInfo": ', contentType: 'application/json', json: true });
      expect(badJson.status).toBe(400);
      expect(badJson.json.Message).toMatch(/^The request body is not valid JSON/);
      const text = await client.send('POST', url, { body: 'JobName=x', contentType: 'text/plain' });
      expect(text.status).toBe(415);
      const unknown = await client.send('POST', '/jobs/00000000-1111-2222-3333-444444444444?action=clone', { body: { ReplicaJobCloneInfo: BODIES.replica.elements }, json: true });
      expect(unknown.status).toBe(404);
      expect(unknown.json.Message).toBe("Job with ID '00000000-1111-2222-3333-444444444444' was not found.");
      const notGuid = await client.send('POST', '/jobs/job-1?action=clone', { body: { ReplicaJobCloneInfo: BODIES.replica.elements }, json: true });
      expect(notGuid.status).toBe(400);
    }));
});
