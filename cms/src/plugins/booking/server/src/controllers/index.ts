import backoffice from './backoffice';
import member from './member';
import staff from './staff';
import members from './members';
import roomSetup from './room-setup';
import tags from './tags';
import content from './content';
import waitlist from './waitlist';

export default { member, staff, backoffice, members, roomSetup, tags, content, waitlist };
