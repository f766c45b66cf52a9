import backoffice from './backoffice';
import member from './member';
import staff from './staff';
import members from './members';

export default { member, staff, backoffice, members };
