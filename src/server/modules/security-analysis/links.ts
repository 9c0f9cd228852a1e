/*
 * The seams to the councils (problem fields) and projects (project ideas): an accepted
 * recommendation becomes a problem field of the municipality or a project in status "idea",
 * created through those modules' own services (their rules, scoping and audit), in the caller's
 * transaction. The analysis keeps only the id of what was created.
 */
import { createPrioritySchema } from '../../../shared/councils.schema.ts';
import { createProjectSchema } from '../../../shared/projects.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { createPriority } from '../councils/index.ts';
import { createProject } from '../funding/index.ts';

export interface AdoptionInput {
  ags: string;
  title: string;
  description: string;
  fieldOfActionId: number;
  priority: 'high' | 'medium' | 'low';
  on: string;
}

/** Creates a problem field (source: security analysis) and returns its id. */
export async function createProblemField(db: DbOrTrx, actor: Actor, principal: Principal, a: AdoptionInput): Promise<number> {
  const input = createPrioritySchema.parse({
    kind: 'problem_field',
    fieldOfActionId: a.fieldOfActionId,
    title: a.title,
    description: a.description,
    priority: a.priority,
    source: 'security_analysis',
    identifiedOn: a.on,
  });
  return (await createPriority(db, principal, actor, a.ags, input)).id;
}

/** Creates a project idea of the municipality in the field of action and returns its id. */
export async function createProjectIdea(db: DbOrTrx, actor: Actor, principal: Principal, a: AdoptionInput): Promise<number> {
  const input = createProjectSchema.parse({ ags: a.ags, title: a.title, fieldIds: [a.fieldOfActionId] });
  return (await createProject(db, actor, principal, input)).id;
}
