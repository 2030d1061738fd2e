import type { SqsOperations } from '../api';
import type { SqsOperationContext } from './context';

/** StartMessageMoveTask, CancelMessageMoveTask and ListMessageMoveTasks (the tasks run in ../move-tasks.ts). */
export function moveTaskOperations(ctx: SqsOperationContext): Pick<SqsOperations, 'StartMessageMoveTask' | 'CancelMessageMoveTask' | 'ListMessageMoveTasks'> {
  return {
    StartMessageMoveTask: (input) => ctx.moveTasks.start(input),
    CancelMessageMoveTask: (input) => ctx.moveTasks.cancel(input),
    ListMessageMoveTasks: (input) => ctx.moveTasks.list(input),
  };
}
