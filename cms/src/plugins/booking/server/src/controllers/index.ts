import member from './member';

export default { member };
