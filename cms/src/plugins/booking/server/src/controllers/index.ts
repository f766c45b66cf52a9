import member from './member';
import staff from './staff';

export default { member, staff };
