import backoffice from './backoffice';
import member from './member';
import staff from './staff';
import members from './members';
import content from './content';

export default { member, staff, backoffice, members, content };
