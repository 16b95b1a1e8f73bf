// Jobs as references and entities, with their action links and the VMs they protect.
import { el, type Element, nested, repeated, text, wrapped } from '../representation/tree.js';
import type { VeeamModel } from '../model/index.js';
import type { Job } from '../model/jobs.js';
import { type VcenterRef, VCENTER_META } from '../model/scenario.js';
import { uidOf } from '../model/uids.js';
import { referenceView } from './infrastructure.js';
import { hrefs, link } from './links.js';

function relatedLinks(base: string, model: VeeamModel, job: Job): Element[] {
  const server = model.infrastructure.server(job.backupServerId);
  const links = [link('Up', 'BackupServerReference', hrefs.backupServer(base, job.backupServerId), server?.name)];
  if (job.repositoryId !== null) {
    const repository = model.infrastructure.repository(job.repositoryId);
    links.push(link('Related', 'RepositoryReference', hrefs.repository(base, job.repositoryId), repository?.name));
  }
  return links;
}

function actionLinks(href: string): Element[] {
  return [
    link('Start', 'Task', `${href}?action=start`),
    link('Stop', 'Task', `${href}?action=stop`),
    link('Retry', 'Task', `${href}?action=retry`),
    link('Clone', 'Task', `${href}?action=clone`),
  ];
}

export function jobRef(base: string, model: VeeamModel, job: Job): Element {
  const href = hrefs.job(base, job.id);
  return referenceView(uidOf('Job', job.id), job.name, href, 'JobReference', [
    ...relatedLinks(base, model, job),
    link('Alternate', 'Job', hrefs.entity(href), job.name),
    ...actionLinks(href),
  ]);
}

export function jobEntity(base: string, model: VeeamModel, job: Job): Element {
  const href = hrefs.job(base, job.id);
  return el(
    'Job',
    { Href: href, Type: 'Job', Name: job.name, UID: uidOf('Job', job.id) },
    wrapped('Links', [...relatedLinks(base, model, job), link('Alternate', 'JobReference', href, job.name), ...actionLinks(href)]),
    text('JobType', job.jobType),
    text('Platform', job.platform),
    text('Description', job.description),
    text('ScheduleConfigured', true),
    text('ScheduleEnabled', job.scheduleEnabled),
    nested(el('JobInfo', {}, nested(jobInfo(model, job)))),
  );
}

/** <BackupJobInfo> and its siblings: the protected VMs (Includes), then the type's own settings. */
function jobInfo(model: VeeamModel, job: Job): Element {
  const vcenter = model.ctx.store.getMeta<VcenterRef>(VCENTER_META);
  const objects = job.objects.map((object, order) =>
    el(
      'ObjectInJob',
      { Type: 'ObjectInJob' },
      text('HierarchyObjRef', `urn:${job.platform}:Vm:${vcenter?.uid ?? ''}.${object.vm}`),
      text('Name', object.name),
      text('DisplayName', object.name),
      text('Order', order),
    ),
  );
  const includes = nested(el('Includes', {}, repeated('ObjectInJobs', objects)));
  switch (job.jobType) {
    case 'Backup':
      return el('BackupJobInfo', {}, includes, text('FolderName', job.fileName));
    case 'Replica':
      return el('ReplicaJobInfo', {}, includes, text('VmSuffix', job.vmSuffix));
    case 'BackupCopy':
      return el('BackupCopyJobInfo', {}, includes, text('JobFileName', job.fileName));
    case 'ImmediateBackupCopy':
      return el('ImmediateBackupCopyJobInfo', {}, includes, text('JobFileName', job.fileName));
  }
}
