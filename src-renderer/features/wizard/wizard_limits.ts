import { maxServersPerGroup } from '../../../src-shared/domain';

export { checkedHostName } from '../../../src-shared/ipc/index';
/** A server group holds at most this many servers (reference/000). */
export const maxServersPerGroupForWizard = maxServersPerGroup;
