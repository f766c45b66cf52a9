import backoffice from './backoffice';
import member from './member';
import staff from './staff';

export default { member, staff, backoffice };
