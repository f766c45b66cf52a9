import backoffice from './backoffice';
import member from './member';
import staff from './staff';
import members from './members';
import roomSetup from './room-setup';

export default { member, staff, backoffice, members, roomSetup };
